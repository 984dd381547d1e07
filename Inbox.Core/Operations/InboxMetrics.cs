using System.Diagnostics.Metrics;

namespace Inbox.Core.Operations;

/// <summary>
/// The figures an operator watches, as OpenTelemetry instruments on the "Inbox" meter (served at /metrics). Counters
/// are counted where the thing happens; backlog gauges read what <see cref="BacklogMonitor"/> last measured.
/// </summary>
public static class InboxMetrics
{
    public const string MeterName = "Inbox";

    private static readonly Meter s_meter = new(MeterName);

    public static readonly Counter<long> DeliveriesReceived = s_meter.CreateCounter<long>(
        "inbox.deliveries.received", "{delivery}", "Webhook deliveries with a valid signature.");

    public static readonly Counter<long> DeliveriesAcknowledged = s_meter.CreateCounter<long>(
        "inbox.deliveries.acknowledged", "{delivery}", "Deliveries stored and answered 200.");

    public static readonly Counter<long> DeliveriesRefused = s_meter.CreateCounter<long>(
        "inbox.deliveries.refused", "{delivery}", "Deliveries answered with an error, by reason (signature, size, storage).");

    public static readonly Counter<long> DeliveriesApplied = s_meter.CreateCounter<long>(
        "inbox.deliveries.applied", "{delivery}", "Deliveries turned into conversations.");

    public static readonly Counter<long> DeliveriesDead = s_meter.CreateCounter<long>(
        "inbox.deliveries.dead", "{delivery}", "Deliveries kept with the reason they could not be applied.");

    public static readonly Counter<long> EventsKeptApart = s_meter.CreateCounter<long>(
        "inbox.events.kept_apart", "{event}", "Events that could not be read or applied, kept with the reason while the rest of their delivery was applied.");

    public static readonly Histogram<double> WebhookToPush = s_meter.CreateHistogram<double>(
        "inbox.webhook_to_push.duration", "s", "From a delivery's acknowledgement to its changes reaching the live feed.");

    public static readonly Histogram<double> SharedReadingDuration = s_meter.CreateHistogram<double>(
        "inbox.shared_reading.duration", "s", "One read of what every open tab shows alike (a view's head, the counts), once per node.");

    public static readonly Histogram<double> SharedReadingLag = s_meter.CreateHistogram<double>(
        "inbox.shared_reading.lag", "s", "From the first change a shared reading had not shown to the tabs receiving the new value.");

    public static readonly Counter<long> Sends = s_meter.CreateCounter<long>(
        "inbox.sends", "{attempt}", "Send API attempts by result (sent, retry, unknown, failed) and Meta's error code.");

    public static readonly Counter<long> CircuitRejections = s_meter.CreateCounter<long>(
        "inbox.graph.circuit_rejections", "{call}", "Graph calls not made because the Page's circuit was open.");

    public static readonly Counter<long> WorkerFailures = s_meter.CreateCounter<long>(
        "inbox.worker.failures", "{failure}", "Rounds of a background worker that failed, by worker.");

    public static readonly Counter<long> DatabaseConnections = s_meter.CreateCounter<long>(
        "inbox.database.connections", "{connection}", "Connections opened, one per store call: what live screens and workers cost the database.");

    /// <summary>Registers the backlog gauges; called once with the monitor that measures them.</summary>
    public static void Observe(BacklogMonitor monitor)
    {
        s_meter.CreateObservableGauge("inbox.ingest.lag", () => monitor.Now.IngestLag.TotalSeconds, "s", "Age of the oldest delivery not yet applied.");
        s_meter.CreateObservableGauge("inbox.ingest.pending", () => monitor.Now.PendingDeliveries, "{delivery}", "Deliveries stored, not yet applied.");
        s_meter.CreateObservableGauge("inbox.deliveries.dead_kept", () => monitor.Now.DeadDeliveries, "{delivery}", "Dead-lettered deliveries kept for an admin.");
        s_meter.CreateObservableGauge("inbox.outbox.queue", () => monitor.Now.QueuedReplies, "{reply}", "Replies not yet sent or failed.");
        s_meter.CreateObservableGauge("inbox.outbox.unknown", () => monitor.Now.UnknownReplies, "{reply}", "Replies waiting for Meta's echo.");
    }
}
