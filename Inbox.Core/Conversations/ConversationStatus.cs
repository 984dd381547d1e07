namespace Inbox.Core.Conversations;

public enum ConversationStatus
{
    Open,
    /// <summary>Waiting on the customer.</summary>
    Pending,
    /// <summary>Out of the way until <see cref="ConversationSummary.SnoozedUntil"/>, or until the customer writes.</summary>
    Snoozed,
    Done,
}

/// <summary>The inbox's views: whose conversations, in which states.</summary>
public enum InboxView
{
    /// <summary>Open or pending conversations assigned to the viewer.</summary>
    Mine,
    /// <summary>Open conversations nobody has taken.</summary>
    Unassigned,
    /// <summary>Every conversation not done (snoozed ones wait out of sight).</summary>
    All,
    /// <summary>Conversations where a teammate mentioned the viewer in a note they have not seen yet.</summary>
    Mentions,
    /// <summary>Snoozed conversations, the soonest to wake first: out of the other views until then, never out of sight.</summary>
    Snoozed,
    Done,
}
