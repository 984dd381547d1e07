using Dapper;
using Inbox.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Operations;

/// <summary>
/// Measures the backlogs every few seconds (deliveries waiting to be applied and since when, dead letters, replies
/// waiting to go out) for the metrics gauges, /healthz/ready and the System page: one query for all of them,
/// however many read the figures.
/// </summary>
public sealed class BacklogMonitor(Database database, TimeProvider time, ILogger<BacklogMonitor> logger) : WorkerLoop(time, logger)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);

    public sealed record Backlog(DateTimeOffset MeasuredAt, long PendingDeliveries, TimeSpan IngestLag, long DeadDeliveries, long QueuedReplies, long UnknownReplies);

    // Ten minutes of measurements, for the System page's small charts.
    private const int HistoryLength = 120;

    private volatile Backlog _now = new(DateTimeOffset.MinValue, 0, TimeSpan.Zero, 0, 0, 0);
    private volatile Backlog[] _history = [];

    public Backlog Now => _now;

    /// <summary>The last ten minutes of measurements, oldest first.</summary>
    public IReadOnlyList<Backlog> History => _history;

    /// <summary>Raised after each measurement, for screens that show it live.</summary>
    public event Action<Backlog>? Measured;

    /// <summary>Measures now (also for a test or a page that cannot wait for the next round).</summary>
    public async Task<Backlog> MeasureAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT (SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'),
                   (SELECT received_at FROM webhook_deliveries WHERE status = 'pending' ORDER BY id LIMIT 1),
                   (SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'dead'),
                   (SELECT COUNT(*) FROM messages WHERE status = 'pending'),
                   (SELECT COUNT(*) FROM messages WHERE status = 'pending' AND send_state = 'unknown')
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Pending, DateTimeOffset? Oldest, long Dead, long Queued, long Unknown)>(
            new CommandDefinition(Sql, cancellationToken: cancellationToken));
        var now = Time.GetUtcNow();
        var measured = new Backlog(now, row.Pending, row.Oldest is { } oldest ? now - oldest : TimeSpan.Zero, row.Dead, row.Queued, row.Unknown);
        _now = measured;
        _history = [.. _history.Skip(_history.Length + 1 - HistoryLength), measured];
        Measured?.Invoke(measured);
        return measured;
    }

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await MeasureAsync(stoppingToken);
        return false;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(s_interval, Time, stoppingToken);
        return true;
    }
}
