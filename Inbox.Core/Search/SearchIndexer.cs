using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Search;

/// <summary>
/// Adds new messages to the search index in batches, a moment after they are stored, through the write gate so the
/// webhook's group commits never wait behind it for long. Message ids only grow (one writer at a time), so
/// "everything after the last id indexed" is exactly what is new.
/// </summary>
public sealed partial class SearchIndexer(Database database, WriteGate gate, LiveFeed feed, TimeProvider time, ILogger<SearchIndexer> logger) : BackgroundService
{
    public const int BatchSize = 200;

    private readonly IngestSignalForSearch _wake = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(change =>
        {
            if (change.Kind is InboxChangeKind.MessageAdded)
            {
                _wake.Pulse();
            }
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await IndexBatchAsync(stoppingToken) == BatchSize)
                {
                    // Short batches with a pause between them: under a burst of webhooks the index falls a little
                    // behind rather than making acknowledgements wait for the gate.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), time, stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
            // Batches of what came in meanwhile; a safety net every few seconds for messages written by other processes.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await _wake.WaitAsync(wait.Token);
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Indexes the next batch of messages; returns how many it read.</summary>
    public async Task<int> IndexBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using (await gate.EnterAsync(cancellationToken))
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing messages for search failed; it is tried again shortly")]
    private partial void LogFailed(Exception exception);
}
