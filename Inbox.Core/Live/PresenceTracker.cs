using System.Collections.Concurrent;

namespace Inbox.Core.Live;

/// <summary>A teammate in a conversation: who, and whether they are typing a reply.</summary>
public sealed record Viewer(long UserId, string Name, bool Typing);

/// <summary>
/// Who is online, who is looking at which conversation, and who is typing there. Kept in memory per node (a browser
/// tab is one session); <see cref="Changed"/> tells components to re-read. Typing lasts a few seconds after the last
/// keystroke.
/// </summary>
public sealed class PresenceTracker(TimeProvider time)
{
    public static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(6);

    private sealed record Session(long UserId, string Name)
    {
        public long? ConversationId { get; set; }
        public DateTimeOffset? TypingUntil { get; set; }
    }

    private readonly ConcurrentDictionary<Guid, Session> _sessions = new();

    private readonly ContextualCallbacks<long?> _changed = new();

    /// <summary>The conversation whose viewers changed, or null when only the online list did; raised in each handler's own context.</summary>
    public event Action<long?> Changed
    {
        add => _changed.Add(value);
        remove => _changed.Remove(value);
    }

    // Components of one tab start in any order: whichever comes first creates the session.
    public void Connect(Guid session, long userId, string name)
    {
        _sessions.GetOrAdd(session, _ => new Session(userId, name));
        RaiseChanged(null);
    }

    public void Disconnect(Guid session)
    {
        if (_sessions.TryRemove(session, out var gone))
        {
            RaiseChanged(gone.ConversationId);
            RaiseChanged(null);
        }
    }

    public void View(Guid session, long userId, string name, long? conversationId)
    {
        var current = _sessions.GetOrAdd(session, _ => new Session(userId, name));
        if (current.ConversationId != conversationId)
        {
            var left = current.ConversationId;
            current.ConversationId = conversationId;
            current.TypingUntil = null;
            RaiseChanged(left);
            RaiseChanged(conversationId);
        }
    }

    /// <summary>A keystroke in the reply box; only the first of a burst tells the others.</summary>
    public void Typing(Guid session)
    {
        if (_sessions.TryGetValue(session, out var current) && current.ConversationId is { } conversationId)
        {
            var now = time.GetUtcNow();
            var wasTyping = current.TypingUntil > now;
            current.TypingUntil = now + TypingLasts;
            if (!wasTyping)
            {
                RaiseChanged(conversationId);
            }
        }
    }

    public void StoppedTyping(Guid session)
    {
        if (_sessions.TryGetValue(session, out var current) && current.TypingUntil is not null)
        {
            current.TypingUntil = null;
            RaiseChanged(current.ConversationId);
        }
    }

    // A handler that throws must not break the session bookkeeping of the others; it handles its own errors.
    private void RaiseChanged(long? conversationId) => _changed.Invoke(conversationId, static _ => { });

    /// <summary>The people in a conversation, one entry per person however many tabs they have.</summary>
    public IReadOnlyList<Viewer> Viewers(long conversationId)
    {
        var now = time.GetUtcNow();
        return [.. _sessions.Values
            .Where(s => s.ConversationId == conversationId)
            .GroupBy(s => s.UserId)
            .Select(g => new Viewer(g.Key, g.First().Name, g.Any(s => s.TypingUntil > now)))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture)];
    }

    public IReadOnlyList<(long UserId, string Name)> Online() =>
        [.. _sessions.Values.GroupBy(s => s.UserId).Select(g => (g.Key, g.First().Name)).OrderBy(u => u.Item2, StringComparer.CurrentCulture)];
}
