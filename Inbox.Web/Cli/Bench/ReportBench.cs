using System.Diagnostics;
using System.Globalization;
using Dapper;
using Inbox.Core.Responsiveness;
using Inbox.Core.Storage;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// <c>bench report</c>: how long the responsiveness report takes over a large inbox (issue #7 asks for under 100 ms
/// over 1,000,000 messages and 100,000 conversations). Builds that inbox in a scratch database of its own (SQLite, or PostgreSQL with --postgres),
/// computes its facts, then times the report over the badge window (7 days) and over 30 days.
/// </summary>
internal static class ReportBench
{
    private const string PageId = "104857600000001";

    public static async Task RunAsync(TextWriter output, int messageCount, int conversationCount, string? postgresServer, CancellationToken cancellationToken)
    {
        using var scratch = await ScratchDatabase.CreateAsync("report", postgresServer, cancellationToken);
        var database = scratch.Database;
        var now = TimeProvider.System.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        await SeedAsync(database, messageCount, conversationCount, now, cancellationToken);
        var seeded = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        await ResponseFactsRebuild.RunAsync(database, cancellationToken);
        var rebuilt = Stopwatch.GetElapsedTime(started);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (database.Dialect.Name == "postgres")
            {
                // What autovacuum does soon after a bulk change: without it the hours table is mostly dead rows.
                await connection.ExecuteAsync(new CommandDefinition("VACUUM ANALYZE", cancellationToken: cancellationToken, commandTimeout: 600));
            }
            var facts = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM response_facts");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"report: {messageCount:N0} messages in {conversationCount:N0} conversations over 30 days seeded in {seeded.TotalSeconds:N1} s; {facts:N0} new messages, facts rebuilt in {rebuilt.TotalSeconds:N1} s"));
        }

        // Half-hour zones cannot add settled hours a Page at a time (their local hours straddle two hours): the worst case.
        foreach (var (days, zone) in new[] { (7, TimeZoneInfo.Utc), (30, TimeZoneInfo.Utc), (7, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")) })
        {
            // A node's first report reads every hour of the range; later ones only the hours that changed.
            var reporter = new ResponsivenessReporter(database, new ResponsivenessSettings(new AppSettingStore(database)), new ResponseFactCache(TimeProvider.System), TimeProvider.System);
            var began = Stopwatch.GetTimestamp();
            var report = await reporter.BuildAsync(null, now.AddDays(-days), now, zone, cancellationToken);
            var first = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            var samples = new List<double>();
            for (var run = 0; run < 100; run++)
            {
                await TouchLatestFactAsync(database, cancellationToken);
                began = Stopwatch.GetTimestamp();
                report = await reporter.BuildAsync(null, now.AddDays(-days), now, zone, cancellationToken);
                samples.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            }
            samples.Sort();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"report: last {days} days in {zone.Id} ({report.Overall.NewMessages:N0} new messages): first on a node {first:N1} ms; then, a fact of the last hour changing before each, {samples.Count} runs: p50 {samples[samples.Count / 2]:N1} ms, p99 {samples[98]:N1} ms, max {samples[^1]:N1} ms"));
        }
    }

    // As on a live inbox, where the hour that is going on changes between two reports.
    private static async Task TouchLatestFactAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE response_facts SET clock_start_at = clock_start_at WHERE message_id = (SELECT message_id FROM response_facts ORDER BY received_at DESC LIMIT 1)",
            cancellationToken: cancellationToken));
    }

    // Conversations with a customer message, a reply a few minutes later, and a new exchange every few days.
    internal static async Task SeedAsync(Database database, int messageCount, int conversationCount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var start = now.AddDays(-30).ToUnixTimeMilliseconds();
        var span = now.ToUnixTimeMilliseconds() - start;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ScratchDatabase.AddConversationsAsync(connection, transaction, conversationCount, now);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO messages (conversation_id, mid, direction, text, sent_at, status) VALUES (@c, @mid, @d, 'Hello', @at, @s)";
        var conversation = ScratchDatabase.Parameter(command, "@c", System.Data.DbType.Int64);
        var mid = ScratchDatabase.Parameter(command, "@mid", System.Data.DbType.String);
        var direction = ScratchDatabase.Parameter(command, "@d", System.Data.DbType.String);
        var at = ScratchDatabase.Parameter(command, "@at", System.Data.DbType.Int64);
        var status = ScratchDatabase.Parameter(command, "@s", System.Data.DbType.String);
        await command.PrepareAsync(cancellationToken);
        var perConversation = Math.Max(1, messageCount / conversationCount);
        var written = 0;
        for (var c = 1; c <= conversationCount && written < messageCount; c++)
        {
            var time = start + (long)(random.NextDouble() * span * 0.85);
            for (var m = 0; m < perConversation && written < messageCount; m++, written++)
            {
                var fromCustomer = m % 2 == 0;
                // Replies come within minutes (sometimes hours); every few exchanges the customer returns days later.
                time += fromCustomer && m > 0 && random.Next(3) == 0 ? random.Next(25, 96) * 3_600_000L : random.Next(10, fromCustomer ? 600 : 1200) * 1000L;
                conversation.Value = (long)c;
                mid.Value = $"m_{c}_{m}";
                direction.Value = fromCustomer ? "in" : "out";
                at.Value = Math.Min(time, now.ToUnixTimeMilliseconds());
                status.Value = fromCustomer ? "received" : "sent";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
