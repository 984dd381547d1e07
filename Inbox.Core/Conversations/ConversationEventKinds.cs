namespace Inbox.Core.Conversations;

/// <summary>The kinds of lines in a conversation's history that are not messages.</summary>
public static class ConversationEventKinds
{
    public const string Optin = "optin";
    public const string ThreadPassed = "thread_passed";
    public const string ThreadTaken = "thread_taken";
    public const string ThreadRequested = "thread_requested";
}
