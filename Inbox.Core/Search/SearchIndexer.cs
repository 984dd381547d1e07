using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Storage;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Search;

/// <summary>
/// Adds new messages to the search index in batches, a moment after they are stored, through the write gate so the
/// webhook's group commits never wait behind it for long. Message ids only grow (one writer at a time), so
/// "everything after the last id indexed" is exactly what is new. Where writers are concurrent (PostgreSQL) that
/// no longer holds, and a trigger indexes each message in the transaction that stores it: there the worker is off.
/// </summary>
public sealed class SearchIndexer : WorkerLoop
{
    public const int BatchSize = 200;

    private readonly Database _database;
    private readonly WriteGate _gate;
    private readonly TimeProvider _time;
    private readonly IngestSignalForSearch _wake = new();
    private readonly IDisposable _subscription;

    public SearchIndexer(Database database, WriteGate gate, LiveFeed feed, TimeProvider time, ILogger<SearchIndexer> logger) : base(time, logger)
    {
        (_database, _gate, _time) = (database, gate, time);
        _subscription = feed.Subscribe(change =>
        {
            if (change.Kind is InboxChangeKind.MessageAdded)
            {
                _wake.Pulse();
            }
        });
    }

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        if (await IndexBatchAsync(stoppingToken) < BatchSize)
        {
            return false;
        }
        // Short batches with a pause between them: under a burst of webhooks the index falls a little behind rather
        // than making acknowledgements wait for the gate.
        await Task.Delay(TimeSpan.FromMilliseconds(50), _time, stoppingToken);
        return true;
    }

    // Batches of what came in meanwhile; a safety net every few seconds for messages written by other processes.
    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        if (!_database.Dialect.SingleWriter)
        {
            return false;
        }
        await PulseOrTimeoutAsync(_wake, TimeSpan.FromSeconds(5), stoppingToken);
        await Task.Delay(TimeSpan.FromMilliseconds(500), _time, stoppingToken);
        return true;
    }

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    /// <summary>Indexes the next batch of messages; returns how many it read.</summary>
    public async Task<int> IndexBatchAsync(CancellationToken cancellationToken)
    {
        if (!_database.Dialect.SingleWriter)
        {
            return 0;
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        using (await _gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var last = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT last_id FROM search_progress WHERE source = 'messages'", transaction: transaction, cancellationToken: cancellationToken));
            var batch = (await connection.QueryAsync<(long Id, long ConversationId, string? Text)>(new CommandDefinition(
                "SELECT id, conversation_id, text FROM messages WHERE id > @Last ORDER BY id LIMIT @Size",
                new { Last = last, Size = BatchSize }, transaction, cancellationToken: cancellationToken))).ToList();
            if (batch.Count == 0)
            {
                return 0;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO search_index (kind, ref_id, conversation_id, body) VALUES ('message', @Id, @ConversationId, @Text)",
                batch.Where(m => m.Text is not null).Select(m => new { m.Id, m.ConversationId, m.Text }), transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE search_progress SET last_id = @Last WHERE source = 'messages'", new { Last = batch[^1].Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return batch.Count;
        }
    }

    private sealed class IngestSignalForSearch : WakeSignal;
}
