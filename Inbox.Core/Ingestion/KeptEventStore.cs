using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using Inbox.Core.Meta;
using Inbox.Core.Operations;
using Inbox.Core.Storage;

namespace Inbox.Core.Ingestion;

/// <summary>An event kept apart from its delivery, with the reason in words and its own JSON.</summary>
public sealed record KeptEvent
{
    public long Id { get; init; }
    public long DeliveryId { get; init; }
    public int Position { get; init; }
    public string PageId { get; init; } = "";
    public string Psid { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset KeptAt { get; init; }

    /// <summary>Only an event whose Page is known can be tried again.</summary>
    public bool CanRetry => PageId.Length > 0;
}

/// <summary>
/// Events that could not be read or applied, kept so that nothing Meta delivered is lost and an admin can act on them.
/// Trying one again queues it as a delivery of its own, which the ingest worker applies like any other.
/// </summary>
public sealed class KeptEventStore(Database database, IngestSignal ingest, TimeProvider time)
{
    /// <summary>Keeps events inside the transaction that applies the rest of their delivery; a second time changes nothing.</summary>
    public async Task KeepAsync(
        DbConnection connection, DbTransaction transaction, long deliveryId, IEnumerable<(int Position, UnreadableEvent Event)> events, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO kept_events (delivery_id, position, page_id, psid, reason, body, occurred_at, kept_at)
            VALUES (@DeliveryId, @Position, @PageId, @Psid, @Reason, @Body, @OccurredAt, @Now)
            ON CONFLICT (delivery_id, position) DO NOTHING
            """;
        var rows = events.Select(e => new
        {
            DeliveryId = deliveryId,
            e.Position,
            e.Event.PageId,
            e.Event.Psid,
            e.Event.Reason,
            Body = e.Event.Json,
            OccurredAt = e.Event.Timestamp,
            Now = time.GetUtcNow(),
        }).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        var kept = await connection.ExecuteAsync(new CommandDefinition(Sql, rows, transaction, cancellationToken: cancellationToken));
        InboxMetrics.EventsKeptApart.Add(kept);
    }

    /// <summary>The newest kept events first.</summary>
    public async Task<IReadOnlyList<KeptEvent>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT id, delivery_id, position, page_id, psid, reason, body, occurred_at, kept_at
            FROM kept_events ORDER BY id DESC LIMIT @Limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<KeptEvent>(new CommandDefinition(Sql, new { Limit = limit }, cancellationToken: cancellationToken))];
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM kept_events", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Queues the event again as a delivery of its own (Meta's envelope around it) and forgets the kept copy, in one
    /// transaction. Returns false when there is no such event or its Page is unknown.
    /// </summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var kept = await connection.QuerySingleOrDefaultAsync<KeptEvent>(new CommandDefinition(
            "SELECT id, page_id, body, occurred_at FROM kept_events WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (kept is not { CanRetry: true })
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhook_deliveries (received_at, body) VALUES (@Now, @Body)",
            new { Now = time.GetUtcNow(), Body = Envelope(kept) }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM kept_events WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        ingest.Pulse();
        return true;
    }

    // A feed change names its field; a messaging event does not. The entry's time is in the unit of its kind.
    private static byte[] Envelope(KeptEvent kept)
    {
        using var body = JsonDocument.Parse(kept.Body);
        var isChange = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("field", out _);
        var entryTime = isChange ? kept.OccurredAt.ToUnixTimeSeconds() : kept.OccurredAt.ToUnixTimeMilliseconds();
        var json = $$"""{"object":"page","entry":[{"id":{{JsonSerializer.Serialize(kept.PageId)}},"time":{{entryTime}},"{{(isChange ? "changes" : "messaging")}}":[{{kept.Body}}]}]}""";
        return Encoding.UTF8.GetBytes(json);
    }
}
