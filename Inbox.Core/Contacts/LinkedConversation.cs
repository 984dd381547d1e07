using Inbox.Core.Conversations;

namespace Inbox.Core.Contacts;

/// <summary>A conversation the same person has on another Page.</summary>
public sealed record LinkedConversation(long ConversationId, string PageName, string? ContactName, string Psid, ConversationStatus Status, DateTimeOffset LastMessageAt, string LastMessagePreview)
{
    public string DisplayName => ContactNames.Display(ContactName, Psid);
}
