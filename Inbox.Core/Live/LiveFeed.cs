using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>
/// In-process fan-out of committed changes. Subscribers must return quickly (a Blazor component hands the change to
/// its renderer with InvokeAsync); one that throws is logged and does not stop the others.
/// </summary>
public sealed partial class LiveFeed(ILogger<LiveFeed> logger)
{
    private ImmutableArray<Action<InboxChange>> _subscribers = [];

    public IDisposable Subscribe(Action<InboxChange> subscriber)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscriber));
        return new Subscription(this, subscriber);
    }

    public void Publish(InboxChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(change);
            }
            catch (Exception exception)
            {
                LogSubscriberFailed(exception, change.ConversationId);
            }
        }
    }

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
        public void Dispose() => ImmutableInterlocked.Update(ref feed._subscribers, list => list.Remove(subscriber));
    }
}
