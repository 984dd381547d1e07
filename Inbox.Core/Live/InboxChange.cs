namespace Inbox.Core.Live;

public enum InboxChangeKind
{
    /// <summary>A new message in the conversation (from the customer, the Page, or an agent's pending reply).</summary>
    MessageAdded,

    /// <summary>A message changed: sent, failed, delivered or read.</summary>
    MessageUpdated,

    /// <summary>The conversation itself changed, e.g. it was read by an agent.</summary>
    ConversationUpdated,

    /// <summary>The customer asked for a person (after an FAQ answer): agents are told at once.</summary>
    HandedOver,

    /// <summary>A teammate added an internal note; <see cref="InboxChange.MessageId"/> is the note's id.</summary>
    NoteAdded,

    /// <summary>A comment under a Page post arrived or changed; <see cref="InboxChange.ConversationId"/> is 0.</summary>
    CommentChanged,

    /// <summary>A Page's history import moved on, stopped or finished; <see cref="InboxChange.ConversationId"/> is 0.</summary>
    HistoryImportChanged,

    /// <summary>
    /// This node hears the other nodes again after its link to Redis was down, and what they committed meanwhile was
    /// never heard here: whatever a screen shows is read again. <see cref="InboxChange.ConversationId"/> is 0.
    /// </summary>
    Resynced,
}

/// <summary>Published after a change is committed, so whoever reacts reads the new state.</summary>
public sealed record InboxChange(long ConversationId, InboxChangeKind Kind, long? MessageId = null)
{
    /// <summary>
    /// Committed by another node and relayed here (<see cref="Nodes.ChangeRelay"/>). Screens re-read either way; work
    /// that one node must do once (auto-assignment, the hub's fan-out, which Redis spreads itself) reacts only to its own.
    /// </summary>
    public bool FromOtherNode { get; init; }
}
