using Dapper;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file every second, off the commit path. Left to SQLite,
/// the commit that crosses the threshold does it, and the webhook acknowledgement waiting behind that commit
/// pays for copying megabytes. A passive checkpoint runs alongside writers without blocking them; when it fails,
/// SQLite's own checkpoint remains as a fallback. PostgreSQL checkpoints by itself: there the worker is off.
/// </summary>
public sealed class WalCheckpointer(Database database, TimeProvider time, ILogger<WalCheckpointer> logger) : WorkerLoop(time, logger)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        if (database.Dialect is not SqliteDialect)
        {
            return false;
        }
        await using var connection = await database.OpenAsync(stoppingToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken: stoppingToken));
        return false;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        if (database.Dialect is not SqliteDialect)
        {
            return false;
        }
        await Task.Delay(s_interval, Time, stoppingToken);
        return true;
    }
}
