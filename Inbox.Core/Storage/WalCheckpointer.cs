using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file every second, off the commit path. Left to SQLite,
/// the commit that crosses the threshold does it, and the webhook acknowledgement waiting behind that commit
/// pays for copying megabytes. A passive checkpoint runs alongside writers without blocking them.
/// </summary>
public sealed partial class WalCheckpointer(Database database, TimeProvider time, ILogger<WalCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = await database.OpenAsync(stoppingToken);
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken: stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background WAL checkpoint failed; SQLite's own checkpoint remains as a fallback")]
    private partial void LogFailed(Exception exception);
}
