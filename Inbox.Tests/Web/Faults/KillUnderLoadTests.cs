using System.Collections.Concurrent;
using Dapper;
using Inbox.Tests.Support;
using Xunit.Abstractions;

namespace Inbox.Tests.Web.Faults;

/// <summary>
/// The server killed with SIGKILL while deliveries pour in, again and again on the same database: every delivery it
/// acknowledged is applied, and applied once. test.sh kills it 3 times at 500/s; faults.sh 20 times at 2,000/s.
/// </summary>
[Trait("Category", "Faults")]
public sealed class KillUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Every_acknowledged_delivery_is_applied_exactly_once_across_repeated_kills()
    {
        var (kills, rate, loadSeconds) = FaultScale.IsLong ? (20, 2_000, 3.0) : (3, 500, 1.5);
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = _db.Provider,
            ["Storage__ConnectionString"] = _db.ConnectionString,
            ["Demo__Enabled"] = "true",
            ["Demo__Simulator__MessagesPerMinute"] = "0",
        };
        var acknowledged = new ConcurrentBag<string>();
        var attempted = 0;
        for (var round = 0; round < kills; round++)
        {
            using var app = await AppProcess.StartAsync(_db.Folder, environment);
            using var load = new CancellationTokenSource();
            var senders = WebhookLoad.StartAsync([app.BaseUrl], rate, (sender, i) =>
                {
                    var mid = $"m_kill_{round}_{sender}_{i}";
                    return (mid, Fixture.CustomerText($"73{round:D2}{sender:D3}{i:D9}", DateTimeOffset.UtcNow, mid, "Still there?"));
                }, acknowledged, () => Interlocked.Increment(ref attempted), load.Token);
            await Task.Delay(TimeSpan.FromSeconds(loadSeconds));
            app.Kill();
            await load.CancelAsync();
            await senders;
        }

        using (var last = await AppProcess.StartAsync(_db.Folder, environment))
        {
            await Eventually.TrueAsync(async () => await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'") == 0,
                "every stored delivery to be applied after the last restart", 120);
        }

        var mids = acknowledged.ToList();
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        var stored = (await connection.QueryAsync<string>("SELECT mid FROM messages WHERE mid LIKE 'm_kill_%'")).ToHashSet(StringComparer.Ordinal);
        var applied = mids.Count(stored.Contains);
        var twice = await CountAsync("SELECT COUNT(*) FROM (SELECT mid FROM messages WHERE mid LIKE 'm_kill_%' GROUP BY mid HAVING COUNT(*) > 1)");
        output.WriteLine($"{kills} kills at {rate}/s: {attempted} sent, {mids.Count} acknowledged, {applied} of those applied, " +
            $"{mids.Count - applied} lost, {twice} applied twice");
        Assert.True(mids.Count > kills * 10, "the load reached the server");
        Assert.Equal(mids.Count, applied);
        Assert.Equal(0, twice);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
