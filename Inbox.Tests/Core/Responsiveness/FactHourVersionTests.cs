using Dapper;
using Inbox.Core.Responsiveness;
using Inbox.Tests.Support;
using Inbox.Web.Cli.Bench;

namespace Inbox.Tests.Core.Responsiveness;

/// <summary>Two nodes writing facts of the same hour at once, as their ingest workers do under load.</summary>
public sealed class FactHourVersionTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new("postgres");

    public async Task InitializeAsync()
    {
        await _db.Migrator().MigrateAsync(CancellationToken.None);
        await ReportBench.SeedAsync(_db.Database, 400, 40, DateTimeOffset.UtcNow, CancellationToken.None);
        await ResponseFactsRebuild.RunAsync(_db.Database, CancellationToken.None);
    }

    // One transaction: a fact, then (once the other transaction has touched its first, or after a moment if that one
    // waits for this one) another; the error it ended with, if any.
    private async Task<Exception?> TouchBothAsync(long firstId, long secondId, TaskCompletionSource touched, Task otherTouched)
    {
        const string Touch = "UPDATE response_facts SET spam = spam WHERE message_id = @Id";
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await connection.ExecuteAsync(Touch, new { Id = firstId }, transaction);
            touched.SetResult();
            await Task.WhenAny(otherTouched, Task.Delay(500));
            await connection.ExecuteAsync(Touch, new { Id = secondId }, transaction);
            await transaction.CommitAsync();
            return null;
        }
        catch (Npgsql.PostgresException exception)
        {
            touched.TrySetResult();
            await transaction.RollbackAsync();
            return exception;
        }
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    // Each transaction touches the same hour's facts of two conversations, in opposite orders: versions kept per
    // conversation shard made them lock two rows crosswise, and PostgreSQL ended one as a deadlock after a second.
    [PostgresFact]
    public async Task Two_transactions_changing_facts_of_one_hour_in_opposite_orders_both_commit()
    {
        await using var setup = await _db.Database.OpenAsync(CancellationToken.None);
        var firstShard = (await setup.QueryAsync<long>("SELECT message_id FROM response_facts WHERE conversation_id % 8 = 1 ORDER BY message_id LIMIT 2")).ToList();
        var secondShard = (await setup.QueryAsync<long>("SELECT message_id FROM response_facts WHERE conversation_id % 8 = 2 ORDER BY message_id LIMIT 2")).ToList();
        var hour = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 3_600_000 * 3_600_000;
        await setup.ExecuteAsync("UPDATE response_facts SET received_at = @Hour WHERE message_id = ANY(@Ids)", new { Hour = hour, Ids = firstShard.Concat(secondShard).ToArray() });

        const string Version = "SELECT COALESCE(SUM(version), 0) FROM response_fact_hours WHERE hour = @Hour";
        var before = await setup.ExecuteScalarAsync<long>(Version, new { Hour = hour / 3_600_000 });

        var oneTouched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherTouched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcomes = await Task.WhenAll(
            TouchBothAsync(firstShard[0], secondShard[1], oneTouched, otherTouched.Task),
            TouchBothAsync(secondShard[0], firstShard[1], otherTouched, oneTouched.Task));

        Assert.Equal([null, null], outcomes.Select(outcome => outcome?.Message));
        // The hour's version counts every change (each update bumps it for the old and the new row): the cache sees them.
        Assert.Equal(before + 4 * 2, await setup.ExecuteScalarAsync<long>(Version, new { Hour = hour / 3_600_000 }));
    }
}
