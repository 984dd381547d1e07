using Inbox.Core.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Web.Operations;

/// <summary>
/// Every worker's heartbeat: unhealthy when one has stopped while the app runs, has failed three rounds in a row,
/// or has been in one round longer than it should take.
/// </summary>
public sealed class WorkersHealthCheck(IEnumerable<IHostedService> hosted, IHostApplicationLifetime lifetime, TimeProvider time) : IHealthCheck
{
    private const int FailuresInARowAllowed = 3;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var workers = hosted.OfType<WorkerLoop>().ToList();
        var troubles = workers.Select(worker => Trouble(worker, now)).OfType<string>().ToList();
        var data = workers.ToDictionary(w => w.Name, w => (object)$"{w.Status.Now.State} since {w.Status.Now.Since:O}");
        return Task.FromResult(troubles.Count == 0
            ? HealthCheckResult.Healthy($"{workers.Count} workers running", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", troubles), data: data));
    }

    private string? Trouble(WorkerLoop worker, DateTimeOffset now) => worker.Status.Now switch
    {
        { State: WorkerState.Stopped } when !lifetime.ApplicationStopping.IsCancellationRequested => $"{worker.Name} has stopped",
        { FailuresInARow: >= FailuresInARowAllowed } status => $"{worker.Name} failed {status.FailuresInARow} rounds in a row ({status.LastError})",
        { State: WorkerState.Working } status when now - status.Since > worker.LongestRound => $"{worker.Name} has been in one round for {(now - status.Since).TotalSeconds:0} s",
        _ => null,
    };
}
