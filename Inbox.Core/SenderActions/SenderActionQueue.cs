using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Inbox.Core.SenderActions;

/// <summary>
/// Lets the customer see that the Page read their message (mark_seen, when an agent opens the conversation) and
/// that someone is typing (typing_on, at most every <see cref="TypingInterval"/> per conversation). Fire and forget:
/// the UI never waits on Meta, and a full queue drops the oldest request, which is only a courtesy.
/// </summary>
public sealed class SenderActionQueue(TimeProvider time)
{
    public const string MarkSeen = "mark_seen";
    public const string TypingOn = "typing_on";

    /// <summary>Messenger shows the indicator for about 20 seconds; one request every 10 keeps it on while an agent types.</summary>
    public static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(10);

    internal const int MaxTracked = 1000;

    internal int Tracked => _lastTyping.Count;

    private readonly Channel<(long ConversationId, string Action)> _requests =
        Channel.CreateBounded<(long, string)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastTyping = new();

    internal ChannelReader<(long ConversationId, string Action)> Requests => _requests.Reader;

    public void Seen(long conversationId) => _requests.Writer.TryWrite((conversationId, MarkSeen));

    /// <summary>Called on every keystroke; only sends when the last indicator is about to fade.</summary>
    public void Typing(long conversationId)
    {
        var now = time.GetUtcNow();
        if (_lastTyping.TryGetValue(conversationId, out var last) && now - last < TypingInterval)
        {
            return;
        }
        if (_lastTyping.Count >= MaxTracked)
        {
            // Only the last 10 s matter: older entries are forgotten rather than kept for every conversation ever typed in.
            foreach (var (id, at) in _lastTyping)
            {
                if (now - at >= TypingInterval)
                {
                    _lastTyping.TryRemove(id, out _);
                }
            }
        }
        _lastTyping[conversationId] = now;
        _requests.Writer.TryWrite((conversationId, TypingOn));
    }
}
