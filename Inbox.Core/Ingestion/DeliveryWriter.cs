using System.Threading.Channels;
using Inbox.Core.Storage;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Ingestion;

/// <summary>
/// Group commit for webhook deliveries. Each request queues its body and waits; one writer takes everything
/// queued, stores it in a single fsync'd transaction and releases all the waiters. While one batch is being
/// written the next one gathers, so under load one fsync serves many requests, and alone a request waits for
/// just its own.
/// </summary>
public sealed partial class DeliveryWriter(WebhookDeliveryStore store, IngestSignal signal, WriteGate gate, TimeProvider time, ILogger<DeliveryWriter> logger)
    : WorkerLoop(time, logger)
{
    private const int MaxBatch = 1000;

    private readonly Channel<PendingDelivery> _queue = Channel.CreateUnbounded<PendingDelivery>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the body is durably stored; throws if it could not be.</summary>
    public Task AppendAsync(byte[] body, CancellationToken cancellationToken)
    {
        var pending = new PendingDelivery(body, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The app is shutting down and no longer stores deliveries.");
        }
        gate.DeliveryQueued();
        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingDelivery>(MaxBatch);
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
        if (batch.Count == 0)
        {
            return false;
        }
        try
        {
            // Not the stopping token: a batch that has begun is finished, or its waiters would be told nothing.
            using (await gate.EnterAsync(CancellationToken.None))
            {
                await store.AppendAsync([.. batch.Select(p => p.Body)], CancellationToken.None);
            }
            batch.ForEach(p => p.Stored.TrySetResult());
            signal.Pulse();
        }
        catch (Exception exception)
        {
            // Nothing was stored, and every sender hears so (the webhook answers 503 and Meta delivers again).
            LogBatchFailed(exception, batch.Count);
            batch.ForEach(p => p.Stored.TrySetException(exception));
        }
        finally
        {
            gate.DeliveriesSettled(batch.Count);
        }
        return batch.Count == MaxBatch;
    }

    // Ends when StopAsync completes the queue and it has drained, so nothing queued is dropped at shutdown.
    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken) =>
        await _queue.Reader.WaitToReadAsync(CancellationToken.None);

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} webhook deliveries; their senders were answered with an error")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed record PendingDelivery(byte[] Body, TaskCompletionSource Stored);
}
