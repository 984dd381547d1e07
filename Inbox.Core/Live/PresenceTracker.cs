using System.Collections.Concurrent;

namespace Inbox.Core.Live;

/// <summary>A teammate in a conversation: who, and whether they are typing a reply.</summary>
public sealed record Viewer(long UserId, string Name, bool Typing);

/// <summary>One open tab, as nodes tell each other about theirs.</summary>
public sealed record SessionState(Guid Session, long UserId, string Name, long? ConversationId, DateTimeOffset? TypingUntil);

/// <summary>
/// Who is online, who is looking at which conversation, and who is typing there. Kept in memory (a browser tab is one
/// session); <see cref="Changed"/> tells components to re-read. Typing lasts a few seconds after the last keystroke.
/// With several nodes, each node's sessions reach the others (<see cref="Nodes.PresenceRelay"/>) and are forgotten
/// when that node falls silent.
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

    // Other nodes' sessions: replaced whole by each of their reports, dropped when the reports stop.
    private readonly ConcurrentDictionary<string, (IReadOnlyList<SessionState> Sessions, DateTimeOffset HeardAt)> _otherNodes = new();

    private readonly ContextualCallbacks<long?> _changed = new();

    /// <summary>This node's sessions changed: the relay tells the other nodes.</summary>
    public event Action? LocalChanged;

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
    private void RaiseChanged(long? conversationId, bool local = true)
    {
        _changed.Invoke(conversationId, static _ => { });
        if (local)
        {
            LocalChanged?.Invoke();
        }
    }

    /// <summary>This node's sessions, as told to the other nodes.</summary>
    public IReadOnlyList<SessionState> LocalSessions() =>
        [.. _sessions.Select(s => new SessionState(s.Key, s.Value.UserId, s.Value.Name, s.Value.ConversationId, s.Value.TypingUntil))];

    /// <summary>Another node's report of its sessions, replacing its last.</summary>
    public void ReplaceOtherNode(string node, IReadOnlyList<SessionState> sessions)
    {
        var before = _otherNodes.TryGetValue(node, out var known) ? known.Sessions : [];
        _otherNodes[node] = (sessions, time.GetUtcNow());
        RaiseChangedBetween(before, sessions);
    }

    /// <summary>Forgets the sessions of nodes not heard from for <paramref name="silence"/>: a node that died takes its tabs with it.</summary>
    public void ForgetSilentNodes(TimeSpan silence)
    {
        foreach (var (node, known) in _otherNodes)
        {
            if (time.GetUtcNow() - known.HeardAt > silence && _otherNodes.TryRemove(node, out _))
            {
                RaiseChangedBetween(known.Sessions, []);
            }
        }
    }

    private void RaiseChangedBetween(IReadOnlyList<SessionState> before, IReadOnlyList<SessionState> after)
    {
        foreach (var conversationId in before.Except(after).Concat(after.Except(before)).Select(s => s.ConversationId).OfType<long>().Distinct())
        {
            RaiseChanged(conversationId, local: false);
        }
        if (before.Select(s => s.UserId).Distinct().Count() != after.Select(s => s.UserId).Distinct().Count() || before.Count != after.Count)
        {
            RaiseChanged(null, local: false);
        }
    }

    private IEnumerable<SessionState> AllSessions() =>
        LocalSessions().Concat(_otherNodes.Values.SelectMany(node => node.Sessions));

    /// <summary>The people in a conversation, one entry per person however many tabs they have.</summary>
    public IReadOnlyList<Viewer> Viewers(long conversationId)
    {
        var now = time.GetUtcNow();
        return [.. AllSessions()
            .Where(s => s.ConversationId == conversationId)
            .GroupBy(s => s.UserId)
            .Select(g => new Viewer(g.Key, g.First().Name, g.Any(s => s.TypingUntil > now)))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture)];
    }

    public IReadOnlyList<(long UserId, string Name)> Online() =>
        [.. AllSessions().GroupBy(s => s.UserId).Select(g => (g.Key, g.First().Name)).OrderBy(u => u.Item2, StringComparer.CurrentCulture)];
}
