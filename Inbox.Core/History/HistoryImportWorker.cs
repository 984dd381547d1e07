using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.History;

/// <summary>
/// Takes the next step of each running history import when its time has come. Each step is leased for its Page, so
/// with several nodes one of them calls Meta for it; the time of the next step is in the database, so the pace
/// holds across nodes and restarts.
/// </summary>
public sealed class HistoryImportWorker(HistoryImporter importer, HistoryImportStore imports, Nodes.WorkLeases leases, HistorySignal signal, TimeProvider time,
    ILogger<HistoryImportWorker> logger) : WorkerLoop(time, logger)
{
    private const string LeaseKind = "history";

    // Longer than a Graph call with its retries: held by a node that died, it runs out and another node goes on.
    private static readonly TimeSpan s_lease = TimeSpan.FromMinutes(2);

    // Another node may start an import: this one looks at least this often.
    private static readonly TimeSpan s_look = TimeSpan.FromSeconds(10);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var (due, _) = await imports.DueAsync(stoppingToken);
        foreach (var pageId in due)
        {
            if (!await leases.TryTakeAsync(LeaseKind, pageId, s_lease, stoppingToken))
            {
                continue;
            }
            try
            {
                await importer.StepAsync(pageId, stoppingToken);
            }
            finally
            {
                await leases.ReleaseAsync(LeaseKind, pageId, CancellationToken.None);
            }
        }
        return due.Count > 0;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        var (due, nextAt) = await imports.DueAsync(stoppingToken);
        if (due.Count > 0)
        {
            // Came due since the round looked.
            return true;
        }
        var wait = nextAt is { } at ? at - Time.GetUtcNow() : s_look;
        return await PulseOrTimeoutAsync(signal, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > s_look ? s_look : wait, stoppingToken);
    }
}
