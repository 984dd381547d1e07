namespace Inbox.Core.Conversations;

/// <summary>The kinds of lines in a conversation's history that are not messages.</summary>
public static class ConversationEventKinds
{
    public const string Optin = "optin";
    public const string ThreadPassed = "thread_passed";
    public const string ThreadTaken = "thread_taken";
    public const string ThreadRequested = "thread_requested";
    /// <summary>Detail: the new assignee's name, empty when unassigned.</summary>
    public const string Assigned = "assigned";
    /// <summary>Detail: the team's name, empty when taken off a team.</summary>
    public const string AssignedTeam = "team";
    /// <summary>Detail: the new status, and for a snooze until when.</summary>
    public const string StatusChanged = "status";
}
