using Inbox.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>
/// How many conversations have unread messages: the same figure in every tab, so it is read once per node per burst
/// of changes and handed to every tab, instead of every tab running its own COUNT on every change (issue #18). While a
/// read runs, further changes only mark it stale; one more read follows.
/// </summary>
public sealed partial class UnreadCount : IDisposable
{
    private readonly ConversationStore _conversations;
    private readonly ILogger<UnreadCount> _logger;
    private readonly ContextualCallbacks<int> _subscribers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IDisposable _feed;
    private int _stale;
    private long _reads;

    public UnreadCount(LiveFeed feed, ConversationStore conversations, ILogger<UnreadCount> logger)
    {
        _conversations = conversations;
        _logger = logger;
        _feed = feed.Subscribe(_ => MarkStale());
    }

    /// <summary>The last figure read; null until the first read.</summary>
    public int? Current { get; private set; }

    /// <summary>Database reads so far, whatever the number of tabs.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Called with each new figure, in the subscriber's own context; the first read starts if none ran yet.</summary>
    public IDisposable Subscribe(Action<int> onChange)
    {
        _subscribers.Add(onChange);
        if (Current is null)
        {
            MarkStale();
        }
        return new Subscription(this, onChange);
    }

    private void MarkStale()
    {
        if (Interlocked.Increment(ref _stale) == 1)
        {
            _ = ReadUntilFreshAsync();
        }
    }

    private async Task ReadUntilFreshAsync()
    {
        do
        {
            Interlocked.Exchange(ref _stale, 1);
            try
            {
                var unread = await _conversations.UnreadConversationsAsync(_stopping.Token);
                Interlocked.Increment(ref _reads);
                if (unread != Current)
                {
                    Current = unread;
                    _subscribers.Invoke(unread, exception => LogSubscriberFailed(exception));
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The next change tries again; the tabs keep the last figure meanwhile.
                LogReadFailed(exception);
            }
        }
        while (Interlocked.CompareExchange(ref _stale, 0, 1) != 1);
    }

    public void Dispose()
    {
        _feed.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A tab failed to take the unread count")]
    private partial void LogSubscriberFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the unread count failed; the next change reads it again")]
    private partial void LogReadFailed(Exception exception);

    private sealed class Subscription(UnreadCount owner, Action<int> subscriber) : IDisposable
    {
        public void Dispose() => owner._subscribers.Remove(subscriber);
    }
}
