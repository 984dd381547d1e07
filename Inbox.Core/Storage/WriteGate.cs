using System.Diagnostics;

namespace Inbox.Core.Storage;

/// <summary>
/// SQLite has one writer at a time, and a connection that finds the lock taken sleeps in steps of up to 100 ms
/// before trying again. The two busy writers of this process (the webhook's group commit and the ingest worker)
/// therefore queue here instead, so a waiting webhook acknowledgement resumes the moment the lock is free.
/// Acknowledging comes first: when many webhook deliveries wait to be stored, applying steps aside briefly.
/// PostgreSQL's writers do not wait for each other: there the gate stands open (<paramref name="serialize"/> false).
/// </summary>
public sealed class WriteGate(bool serialize = true) : IDisposable
{
    private static readonly IDisposable s_open = new Open();

    /// <summary>Deliveries waiting to be stored before applying gives way; a few are normal at any rate.</summary>
    public const int Backlog = 32;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _unstored;

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!serialize)
        {
            return s_open;
        }
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    /// <summary>
    /// Enters once fewer than <see cref="Backlog"/> deliveries wait to be stored, or after <paramref name="patience"/>
    /// at most, so applying never stops under a sustained flood; it catches up when the flood ends.
    /// </summary>
    public async Task<IDisposable> EnterBehindDeliveriesAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (serialize && Volatile.Read(ref _unstored) >= Backlog && Stopwatch.GetElapsedTime(start) < patience)
        {
            await Task.Delay(1, cancellationToken);
        }
        return await EnterAsync(cancellationToken);
    }

    /// <summary>A webhook delivery is waiting to be stored.</summary>
    public void DeliveryQueued() => Interlocked.Increment(ref _unstored);

    /// <summary>Deliveries were stored (or refused): they no longer wait.</summary>
    public void DeliveriesSettled(int count) => Interlocked.Add(ref _unstored, -count);

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class Open : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
