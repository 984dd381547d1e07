using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>
/// In-process fan-out of committed changes. Subscribers must return quickly (a Blazor component hands the change to
/// its renderer with InvokeAsync); one that throws is logged and does not stop the others.
/// </summary>
public sealed partial class LiveFeed(ILogger<LiveFeed> logger)
{
    private readonly ContextualCallbacks<InboxChange> _subscribers = new();

    /// <summary>The subscriber is called in the context it subscribed from (its circuit's language, for one).</summary>
    public IDisposable Subscribe(Action<InboxChange> subscriber)
    {
        _subscribers.Add(subscriber);
        return new Subscription(this, subscriber);
    }

    public void Publish(InboxChange change) =>
        _subscribers.Invoke(change, exception => LogSubscriberFailed(exception, change.ConversationId));

    public void PublishAll(IEnumerable<InboxChange> changes)
    {
        foreach (var change in changes)
        {
            Publish(change);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A live feed subscriber failed on a change to conversation {ConversationId}")]
    private partial void LogSubscriberFailed(Exception exception, long conversationId);

    private sealed class Subscription(LiveFeed feed, Action<InboxChange> subscriber) : IDisposable
    {
        public void Dispose() => feed._subscribers.Remove(subscriber);
    }
}
