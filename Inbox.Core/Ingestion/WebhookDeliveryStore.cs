using System.Data.Common;
using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Ingestion;

public sealed class WebhookDeliveryStore(Database database, TimeProvider time)
{
    private const string Columns = "id, received_at, body, status, page_ids, error, processed_at";

    /// <summary>Appends deliveries in one transaction; when it returns they are on disk (synchronous=FULL).</summary>
    public async Task AppendAsync(IReadOnlyList<byte[]> bodies, CancellationToken cancellationToken)
    {
        const string Sql = "INSERT INTO webhook_deliveries (received_at, body) VALUES (@ReceivedAt, @Body)";
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A list of parameters runs one prepared command once per row.
        await connection.ExecuteAsync(new CommandDefinition(Sql, bodies.Select(body => new { ReceivedAt = now, Body = body }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The oldest deliveries not yet processed, in arrival order.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM webhook_deliveries WHERE status = 'pending' ORDER BY id LIMIT @Limit";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<WebhookDelivery>(new CommandDefinition(Sql, new { Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>Deliveries that need an admin: dead-lettered, or for a Page that is not connected. Newest first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ProblemsAsync(int limit, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM webhook_deliveries WHERE status IN ('dead', 'unconnected') ORDER BY id DESC LIMIT @Limit";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<WebhookDelivery>(new CommandDefinition(Sql, new { Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>How many deliveries are in each state.</summary>
    public async Task<IReadOnlyDictionary<DeliveryStatus, long>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM webhook_deliveries GROUP BY status", cancellationToken: cancellationToken));
        var counts = Enum.GetValues<DeliveryStatus>().ToDictionary(s => s, _ => 0L);
        foreach (var (status, count) in rows)
        {
            counts[Enum.Parse<DeliveryStatus>(status, ignoreCase: true)] = count;
        }
        return counts;
    }

    public async Task<long> CountAsync(DeliveryStatus status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE status = @Status", new { Status = StatusText(status) }, cancellationToken: cancellationToken));
    }

    /// <summary>Marks a delivery processed inside the caller's transaction, so applying and marking commit together.</summary>
    public Task MarkAsync(DbConnection connection, DbTransaction? transaction, long id, DeliveryStatus status, string? pageIds, string? error, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET status = @Status, page_ids = @PageIds, error = @Error, processed_at = @Now WHERE id = @Id",
            new { Id = id, Status = StatusText(status), PageIds = pageIds, Error = error, Now = time.GetUtcNow() },
            transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The deliveries of <paramref name="ids"/> this transaction may apply: still pending, and locked until it ends so no
    /// other node applies them meanwhile. Those another node holds are skipped, not waited for. The lock is the lease:
    /// if this node dies, PostgreSQL ends its transaction and another node takes them. (SQLite has one writer: all.)
    /// </summary>
    public async Task<IReadOnlySet<long>> ClaimAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT id FROM webhook_deliveries WHERE id {database.Dialect.IsIn("@Ids")} AND status = 'pending'{database.Dialect.SkipLocked}",
            new { Ids = ids }, transaction, cancellationToken: cancellationToken))).ToHashSet();

    /// <summary>Marks applied deliveries done, in the transaction that applied them.</summary>
    public Task MarkDoneAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.CompletedTask : connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE webhook_deliveries SET status = 'done', error = NULL, processed_at = @Now WHERE id {database.Dialect.IsIn("@Ids")}",
            new { Ids = ids, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));

    public async Task MarkAsync(long id, DeliveryStatus status, string? pageIds, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await MarkAsync(connection, null, id, status, pageIds, error, cancellationToken);
    }

    /// <summary>Puts a dead-lettered or unconnected delivery back in the queue; returns whether it was one.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET status = 'pending', error = NULL WHERE id = @Id AND status IN ('dead', 'unconnected')",
            new { Id = id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Requeues what was held back for a Page that has now been connected.</summary>
    public async Task<int> RetryUnconnectedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET status = 'pending', error = NULL WHERE status = 'unconnected'", cancellationToken: cancellationToken));
    }

    private static string StatusText(DeliveryStatus status) => status.ToString().ToLowerInvariant();
}
