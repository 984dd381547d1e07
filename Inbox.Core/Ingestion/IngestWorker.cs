using System.Data.Common;
using Dapper;
using Inbox.Core.Contacts;
using Inbox.Core.Live;
using Inbox.Core.Meta;
using Inbox.Core.Operations;
using Inbox.Core.Outbox;
using Inbox.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Core.Ingestion;

/// <summary>
/// Applies stored deliveries in arrival order, each in one transaction together with marking it done, so a crash
/// at any point leaves it either untouched (and applied after restart) or fully applied. A delivery that cannot
/// be parsed is dead-lettered with the reason; one for a Page that is not connected is held back. Neither stops
/// the worker. With several nodes each transaction first claims its deliveries (<see cref="WebhookDeliveryStore.ClaimAsync"/>):
/// one node applies each, and a node that dies mid-way gives them back as its transaction ends.
/// </summary>
public sealed partial class IngestWorker(
    Database database,
    WebhookDeliveryStore deliveries,
    EventApplier applier,
    KeptEventStore kept,
    LiveFeed feed,
    IngestSignal signal,
    ProfileSignal profiles,
    Comments.CommentSignal comments,
    SendSignal send,
    WriteGate gate,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestWorker> logger)
    : WorkerLoop(time, logger)
{
    private const int BatchSize = 200;
    private const int GroupSize = 16;
    private static readonly TimeSpan s_safetyNetInterval = TimeSpan.FromSeconds(30);
    // How long a group waits for a flood of webhook deliveries to be stored before it is applied anyway.
    private static readonly TimeSpan s_patience = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A delivery with more events than this is applied alone, in slices of this many, the write lock given back between
    /// them: 6,000 events in one transaction held every other delivery's acknowledgement for 8 s. A crash between slices
    /// leaves it pending; applied again, its first events are duplicates, which applying already ignores.
    /// </summary>
    public const int SliceSize = 100;
    private readonly HashSet<string> _unsupportedKindsLogged = [];

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return false;
        }
        var batch = await deliveries.PendingAsync(BatchSize, stoppingToken);
        // Small groups share one transaction: far fewer lock hand-overs and syncs than one per delivery,
        // while the webhook never waits behind more than a few milliseconds of applying.
        foreach (var group in batch.Chunk(GroupSize))
        {
            await ProcessAsync(group, stoppingToken);
        }
        return batch.Count == BatchSize;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            LogDisabled();
            return false;
        }
        // Woken by this process's webhook at once; the timeout also picks up deliveries released by another
        // process (the page add verb, or a second node sharing the database).
        return await PulseOrTimeoutAsync(signal, s_safetyNetInterval, stoppingToken);
    }

    /// <summary>Processes deliveries in order; public so tests can drive the worker directly.</summary>
    public async Task ProcessAsync(IReadOnlyList<WebhookDelivery> group, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyGroupAsync(group, cancellationToken);
        }
        // A storage error (locked, full) says nothing about the deliveries: it goes to the loop, which backs off and
        // applies them later. Anything else is about a delivery's content and must not hold back the others.
        catch (Exception exception) when (IsAboutContent(exception) && group.Count > 1)
        {
            // Nothing of the group was committed: apply one by one, so only the culprit is dead-lettered.
            foreach (var delivery in group)
            {
                await ProcessAsync([delivery], cancellationToken);
            }
        }
        catch (Exception exception) when (IsAboutContent(exception))
        {
            // One of its events is the culprit: apply them one at a time, keeping apart only those that fail.
            LogFailed(exception, group[0].Id);
            try
            {
                await ApplyEventByEventAsync(group[0], cancellationToken);
            }
            catch (Exception again) when (IsAboutContent(again))
            {
                // Not even one event at a time: kept whole for an admin, and the next deliveries still get applied.
                LogKeptWhole(again, group[0].Id);
                InboxMetrics.DeliveriesDead.Add(1);
                var reason = $"Inbox could not apply this delivery (a fault in Inbox, logged as delivery {group[0].Id}). Try it again after an upgrade, or report it with that reference.";
                await deliveries.MarkAsync(group[0].Id, DeliveryStatus.Dead, null, reason, cancellationToken);
            }
        }
    }

    private static bool IsAboutContent(Exception exception) => exception is not OperationCanceledException && !StorageFault.IsTransient(exception);

    public Task ProcessAsync(WebhookDelivery delivery, CancellationToken cancellationToken) => ProcessAsync([delivery], cancellationToken);

    private async Task ApplyGroupAsync(IReadOnlyList<WebhookDelivery> group, CancellationToken cancellationToken)
    {
        // Parsing needs no lock, so it happens before the write transaction starts.
        var parsed = group.Select(Parse).ToList();
        if (group.Count > 1 && parsed.Any(p => p.Delivery?.Events.Count > SliceSize))
        {
            foreach (var delivery in group)
            {
                await ProcessAsync([delivery], cancellationToken);
            }
            return;
        }
        var changes = new List<InboxChange>();
        // Not synced on each commit: a lost transaction leaves its deliveries pending, and they are applied again.
        await using var connection = await database.OpenRedoableAsync(cancellationToken);
        var allPageIds = parsed.SelectMany(p => p.Delivery?.PageIds ?? []).Distinct().ToList();
        var connected = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM pages WHERE id {database.Dialect.IsIn("@Ids")}", new { Ids = allPageIds }, cancellationToken: cancellationToken))).ToHashSet();

        if (parsed is [{ Delivery: { } large } single] && large.Events.Count > SliceSize && large.PageIds.All(connected.Contains))
        {
            await ApplyInSlicesAsync(connection, single.Source, large, cancellationToken);
            return;
        }

        var scope = new EventApplier.Scope();
        var applied = new List<WebhookDelivery>(parsed.Count);
        var dead = 0;
        using (await gate.EnterBehindDeliveriesAsync(s_patience, cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var claimed = await deliveries.ClaimAsync(connection, transaction, [.. group.Select(d => d.Id)], cancellationToken);
            foreach (var (delivery, result, error) in parsed)
            {
                if (!claimed.Contains(delivery.Id))
                {
                    continue;
                }
                if (result is null)
                {
                    LogDeadLettered(delivery.Id, error!);
                    dead++;
                    await deliveries.MarkAsync(connection, transaction, delivery.Id, DeliveryStatus.Dead, null, error, cancellationToken);
                    continue;
                }
                var missing = result.PageIds.Where(id => !connected.Contains(id)).ToList();
                if (missing.Count > 0)
                {
                    LogUnconnected(delivery.Id, string.Join(", ", missing));
                    var reason = $"Page {string.Join(", ", missing)} is not connected; the delivery is kept and applied once it is.";
                    await deliveries.MarkAsync(connection, transaction, delivery.Id, DeliveryStatus.Unconnected, string.Join(",", result.PageIds), reason, cancellationToken);
                    continue;
                }
                changes.AddRange(await applier.ApplyAsync(connection, transaction, result.Events, scope, cancellationToken));
                await kept.KeepAsync(connection, transaction, delivery.Id, Unreadable(result.Events, 0), cancellationToken);
                applied.Add(delivery);
            }
            await deliveries.MarkDoneAsync(connection, transaction, [.. applied.Select(d => d.Id)], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        applier.Remember(scope);
        Announce(parsed.SelectMany(p => p.Delivery?.Events ?? []), changes);
        // Counted once committed: a group that fails is applied again one by one, and must not count twice.
        InboxMetrics.DeliveriesDead.Add(dead);
        CountApplied(applied);
    }

    private async Task ApplyInSlicesAsync(DbConnection connection, WebhookDelivery delivery, MetaPayloadParser.ParsedDelivery parsed, CancellationToken cancellationToken)
    {
        var scope = new EventApplier.Scope();
        var slices = parsed.Events.Chunk(SliceSize).ToList();
        for (var i = 0; i < slices.Count; i++)
        {
            IReadOnlyList<InboxChange> changes;
            using (await gate.EnterBehindDeliveriesAsync(s_patience, cancellationToken))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if ((await deliveries.ClaimAsync(connection, transaction, [delivery.Id], cancellationToken)).Count == 0)
                {
                    // Another node is applying it, or has.
                    return;
                }
                changes = await applier.ApplyAsync(connection, transaction, slices[i], scope, cancellationToken);
                await kept.KeepAsync(connection, transaction, delivery.Id, Unreadable(slices[i], i * SliceSize), cancellationToken);
                if (i == slices.Count - 1)
                {
                    await deliveries.MarkDoneAsync(connection, transaction, [delivery.Id], cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            }
            applier.Remember(scope);
            Announce(slices[i], changes);
        }
        CountApplied([delivery]);
    }

    /// <summary>
    /// The last resort for a delivery whose applying failed (a fault in Inbox, not in storage): each event in its own
    /// savepoint, those that fail kept apart with a reason in words, the rest applied and the delivery done.
    /// </summary>
    private async Task ApplyEventByEventAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        const string Savepoint = "one_event";
        var parsed = MetaPayloadParser.Parse(delivery.Body, delivery.ReceivedAt, withEventJson: true);
        var changes = new List<InboxChange>();
        var learned = new List<EventApplier.Scope>();
        await using var connection = await database.OpenRedoableAsync(cancellationToken);
        using (await gate.EnterBehindDeliveriesAsync(s_patience, cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if ((await deliveries.ClaimAsync(connection, transaction, [delivery.Id], cancellationToken)).Count == 0)
            {
                return;
            }
            var failed = new List<(int, UnreadableEvent)>();
            for (var i = 0; i < parsed.Events.Count; i++)
            {
                // Its own scope: a conversation learned by an event that is rolled back must not be remembered.
                var scope = new EventApplier.Scope();
                await transaction.SaveAsync(Savepoint, cancellationToken);
                try
                {
                    changes.AddRange(await applier.ApplyAsync(connection, transaction, [parsed.Events[i]], scope, cancellationToken));
                    await transaction.ReleaseAsync(Savepoint, cancellationToken);
                    learned.Add(scope);
                }
                catch (Exception exception) when (IsAboutContent(exception))
                {
                    await transaction.RollbackAsync(Savepoint, cancellationToken);
                    LogEventFailed(exception, delivery.Id, i + 1);
                    var platformEvent = parsed.Events[i];
                    var reason = $"Inbox could not apply this event (a fault in Inbox, logged as delivery {delivery.Id}, event {i + 1}); the rest of its delivery was applied. Try it again after an upgrade, or report it with that reference.";
                    failed.Add((i, new UnreadableEvent(platformEvent.PageId, platformEvent.Psid, platformEvent.Timestamp, reason, parsed.EventJson![i])));
                }
            }
            await kept.KeepAsync(connection, transaction, delivery.Id, Unreadable(parsed.Events, 0).Concat(failed), cancellationToken);
            await deliveries.MarkDoneAsync(connection, transaction, [delivery.Id], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        learned.ForEach(applier.Remember);
        Announce(parsed.Events, changes);
        CountApplied([delivery]);
    }

    // The events the parser could not read, with their place in the delivery (which makes keeping them idempotent).
    private static IEnumerable<(int Position, UnreadableEvent Event)> Unreadable(IReadOnlyList<PlatformEvent> events, int offset) =>
        events.Select((e, i) => (Position: offset + i, Event: e as UnreadableEvent)).Where(e => e.Event is not null)!;

    private void CountApplied(List<WebhookDelivery> applied)
    {
        InboxMetrics.DeliveriesApplied.Add(applied.Count);
        var pushedAt = Time.GetUtcNow();
        foreach (var delivery in applied)
        {
            InboxMetrics.WebhookToPush.Record((pushedAt - delivery.ReceivedAt).TotalSeconds);
        }
    }

    // What was committed goes to the screens, and the workers that follow up on it are woken.
    private void Announce(IEnumerable<PlatformEvent> events, IReadOnlyList<InboxChange> changes)
    {
        foreach (var unsupported in events.OfType<UnsupportedEvent>())
        {
            if (_unsupportedKindsLogged.Add(unsupported.Kind))
            {
                LogUnsupported(unsupported.Kind);
            }
        }
        feed.PublishAll(changes);
        if (changes.Any(c => c.Kind == InboxChangeKind.CommentChanged))
        {
            // A new post's text is fetched, a comment a moderation rule caught is hidden.
            comments.Pulse();
        }
        if (changes.Any(c => c.Kind == InboxChangeKind.MessageAdded))
        {
            profiles.Pulse();
            // An instant reply or away message may have been written to the outbox with the message.
            send.Pulse();
        }
    }

    private static (WebhookDelivery Source, MetaPayloadParser.ParsedDelivery? Delivery, string? Error) Parse(WebhookDelivery delivery)
    {
        try
        {
            return (delivery, MetaPayloadParser.Parse(delivery.Body, delivery.ReceivedAt), null);
        }
        catch (MetaPayloadException exception)
        {
            return (delivery, null, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ingest worker is off (Ingestion:WorkerEnabled=false): deliveries are stored, not applied")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(long deliveryId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} could not be applied whole; its events are applied one at a time")]
    private partial void LogFailed(Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} could not be applied even one event at a time and was kept whole")]
    private partial void LogKeptWhole(Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId}, event {Position} could not be applied and was kept apart")]
    private partial void LogEventFailed(Exception exception, long deliveryId, int position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} held back: Page {PageIds} is not connected")]
    private partial void LogUnconnected(long deliveryId, string pageIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Messaging events of kind {Kind} are kept in their delivery but not applied yet (logged once)")]
    private partial void LogUnsupported(string kind);
}
