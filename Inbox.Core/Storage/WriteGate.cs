namespace Inbox.Core.Storage;

/// <summary>
/// SQLite has one writer at a time, and a connection that finds the lock taken sleeps in steps of up to 100 ms
/// before trying again. The two busy writers of this process (the webhook's group commit and the ingest worker)
/// therefore queue here instead, so a waiting webhook acknowledgement resumes the moment the lock is free.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

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
}
