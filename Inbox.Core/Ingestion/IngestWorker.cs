using Dapper;
using Inbox.Core.Contacts;
using Inbox.Core.Live;
using Inbox.Core.Meta;
using Inbox.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Core.Ingestion;

/// <summary>
/// Applies stored deliveries in arrival order, each in one transaction together with marking it done, so a crash
/// at any point leaves it either untouched (and applied after restart) or fully applied. A delivery that cannot
/// be parsed is dead-lettered with the reason; one for a Page that is not connected is held back. Neither stops
/// the worker.
/// </summary>
public sealed partial class IngestWorker(
    Database database,
    WebhookDeliveryStore deliveries,
    EventApplier applier,
    LiveFeed feed,
    IngestSignal signal,
    ProfileSignal profiles,
    IOptions<IngestionOptions> options,
    ILogger<IngestWorker> logger)
    : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan s_safetyNetInterval = TimeSpan.FromSeconds(30);
    private readonly HashSet<string> _unsupportedKindsLogged = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            LogDisabled();
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await deliveries.PendingAsync(BatchSize, stoppingToken);
            if (batch.Count == 0)
            {
                // Woken by this process's webhook at once; the timeout also picks up deliveries released by another
                // process (the page add verb, or a second node sharing the database).
                using var safetyNet = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                safetyNet.CancelAfter(s_safetyNetInterval);
                try
                {
                    await signal.WaitAsync(safetyNet.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
                continue;
            }
            foreach (var delivery in batch)
            {
                try
                {
                    await ProcessAsync(delivery, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Kept with the reason for an admin to retry; the next deliveries still get applied.
                    LogFailed(exception, delivery.Id);
                    await deliveries.MarkAsync(delivery.Id, DeliveryStatus.Dead, null, $"Could not be applied: {exception.Message}", stoppingToken);
                }
            }
        }
    }

    /// <summary>Processes one delivery; public so tests and a manual retry can drive it directly.</summary>
    public async Task ProcessAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        MetaPayloadParser.ParsedDelivery parsed;
        try
        {
            parsed = MetaPayloadParser.Parse(delivery.Body);
        }
        catch (MetaPayloadException exception)
        {
            LogDeadLettered(delivery.Id, exception.Message);
            await deliveries.MarkAsync(delivery.Id, DeliveryStatus.Dead, null, exception.Message, cancellationToken);
            return;
        }

        var pageIds = string.Join(",", parsed.PageIds);
        await using var connection = await database.OpenAsync(cancellationToken);
        var connected = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM pages WHERE id IN @Ids", new { Ids = parsed.PageIds }, cancellationToken: cancellationToken))).ToHashSet();
        var missing = parsed.PageIds.Where(id => !connected.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            var reason = $"Page {string.Join(", ", missing)} is not connected; the delivery is kept and applied once it is.";
            LogUnconnected(delivery.Id, string.Join(", ", missing));
            await deliveries.MarkAsync(connection, null, delivery.Id, DeliveryStatus.Unconnected, pageIds, reason, cancellationToken);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changes = await applier.ApplyAsync(connection, transaction, parsed.Events, cancellationToken);
        await deliveries.MarkAsync(connection, transaction, delivery.Id, DeliveryStatus.Done, pageIds, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var unsupported in parsed.Events.OfType<UnsupportedEvent>())
        {
            if (_unsupportedKindsLogged.Add(unsupported.Kind))
            {
                LogUnsupported(unsupported.Kind);
            }
        }
        feed.PublishAll(changes);
        if (changes.Any(c => c.Kind == InboxChangeKind.MessageAdded))
        {
            profiles.Pulse();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ingest worker is off (Ingestion:WorkerEnabled=false): deliveries are stored, not applied")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(long deliveryId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} could not be applied and was dead-lettered")]
    private partial void LogFailed(Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} held back: Page {PageIds} is not connected")]
    private partial void LogUnconnected(long deliveryId, string pageIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Messaging events of kind {Kind} are kept in their delivery but not applied yet (logged once)")]
    private partial void LogUnsupported(string kind);
}
