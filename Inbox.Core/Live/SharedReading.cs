using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>
/// Something every open tab shows alike, read once per node per burst of changes and handed to every tab, instead of
/// every tab reading it on every change (issue #18: the cost of a change must not grow with the number of tabs). A
/// change that concerns it marks it stale; one read runs, and changes during that read cause one more.
/// </summary>
public abstract partial class SharedReading<T> : IDisposable
{
    private readonly ILogger _logger;
    private readonly ContextualCallbacks<T> _subscribers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IDisposable _feed;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pause;
    private long _lastReadStart;
    private long _staleSince;
    private int _stale;
    private long _reads;
    private bool _read;

    protected SharedReading(LiveFeed feed, ILogger logger) : this(feed, logger, TimeProvider.System, TimeSpan.Zero)
    {
    }

    /// <param name="pause">The least time between the starts of two reads, for a figure that may lag a busy inbox a little.</param>
    protected SharedReading(LiveFeed feed, ILogger logger, TimeProvider time, TimeSpan pause)
    {
        _logger = logger;
        _time = time;
        _pause = pause;
        _feed = feed.Subscribe(change =>
        {
            if (!Concerns(change))
            {
                return;
            }
            if (_subscribers.IsEmpty)
            {
                // No tab shows it: forget the value rather than read it, and the next tab to subscribe reads it
                // fresh; a tab that subscribed meanwhile is served by the check after.
                Volatile.Write(ref _read, false);
                if (_subscribers.IsEmpty)
                {
                    return;
                }
            }
            MarkStale();
        });
    }

    /// <summary>The last value read; default until the first read (see <see cref="HasValue"/>).</summary>
    public T? Current { get; private set; }

    public bool HasValue => Volatile.Read(ref _read);

    /// <summary>Database reads so far, whatever the number of tabs.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Called with each new value, in the subscriber's own context; the first read starts if none ran yet.</summary>
    public IDisposable Subscribe(Action<T> onChange)
    {
        _subscribers.Add(onChange);
        if (!HasValue)
        {
            MarkStale();
        }
        return new Subscription(this, onChange);
    }

    /// <summary>Its name in the metrics.</summary>
    protected virtual string Name => GetType().Name;

    /// <summary>Whether a change can alter the value.</summary>
    protected abstract bool Concerns(InboxChange change);

    protected abstract Task<T> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Whether a newly read value differs from the last one shown.</summary>
    protected virtual bool Differs(T? shown, T read) => !EqualityComparer<T>.Default.Equals(shown, read);

    private void MarkStale()
    {
        // The first change the next read is for: its wait is what the tabs' screens lag behind.
        Interlocked.CompareExchange(ref _staleSince, _time.GetTimestamp(), 0);
        if (Interlocked.Increment(ref _stale) == 1)
        {
            _ = ReadUntilFreshAsync();
        }
    }

    private async Task ReadUntilFreshAsync()
    {
        do
        {
            try
            {
                // Counted from the start of the last read, not its end: a slow read then eats into the pause
                // instead of adding to it, and the tabs' wait stays near the pause however long reads take.
                var sinceLastRead = _time.GetElapsedTime(_lastReadStart);
                if (HasValue && sinceLastRead < _pause)
                {
                    await Task.Delay(_pause - sinceLastRead, _time, _stopping.Token);
                }
                // Changes from here on may not be in this read: they cause one more.
                Interlocked.Exchange(ref _stale, 1);
                var staleSince = Interlocked.Exchange(ref _staleSince, 0);
                _lastReadStart = _time.GetTimestamp();
                var value = await ReadAsync(_stopping.Token);
                Interlocked.Increment(ref _reads);
                InboxMetrics.SharedReadingDuration.Record(_time.GetElapsedTime(_lastReadStart).TotalSeconds, new KeyValuePair<string, object?>("reading", Name));
                if (!HasValue || Differs(Current, value))
                {
                    Current = value;
                    Volatile.Write(ref _read, true);
                    _subscribers.Invoke(value, LogSubscriberFailed);
                }
                if (staleSince != 0)
                {
                    InboxMetrics.SharedReadingLag.Record(_time.GetElapsedTime(staleSince).TotalSeconds, new KeyValuePair<string, object?>("reading", Name));
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The next change tries again; the tabs keep the last value meanwhile.
                LogReadFailed(exception, GetType().Name);
            }
        }
        while (Interlocked.CompareExchange(ref _stale, 0, 1) != 1);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _feed.Dispose();
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A tab failed to take a shared reading")]
    private partial void LogSubscriberFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Reading} failed; the next change reads it again")]
    private partial void LogReadFailed(Exception exception, string reading);

    private sealed class Subscription(SharedReading<T> owner, Action<T> subscriber) : IDisposable
    {
        public void Dispose() => owner._subscribers.Remove(subscriber);
    }
}
