using Inbox.Core.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Web.Operations;

/// <summary>Unhealthy when applying deliveries has fallen far behind: this node takes work it cannot keep up with.</summary>
public sealed class BacklogHealthCheck(BacklogMonitor monitor) : IHealthCheck
{
    public static readonly TimeSpan LongestLag = TimeSpan.FromMinutes(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await monitor.MeasureAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["pendingDeliveries"] = backlog.PendingDeliveries,
            ["ingestLagSeconds"] = Math.Round(backlog.IngestLag.TotalSeconds, 1),
            ["deadDeliveries"] = backlog.DeadDeliveries,
            ["queuedReplies"] = backlog.QueuedReplies,
            ["repliesAwaitingEcho"] = backlog.UnknownReplies,
        };
        return backlog.IngestLag > LongestLag
            ? HealthCheckResult.Unhealthy($"The oldest delivery waiting to be applied arrived {backlog.IngestLag.TotalSeconds:0} s ago.", data: data)
            : HealthCheckResult.Healthy($"{backlog.PendingDeliveries} deliveries waiting", data);
    }
}
