namespace Inbox.Web.Sandbox;

/// <summary>One Send API call the sandbox received, and how it answered; listed for tests.</summary>
public sealed record SandboxCall(
    DateTimeOffset At, string PageId, string? RecipientId, string? MessagingType, string? Tag, string? Text, string? Metadata, string? MessageId, int? ErrorCode,
    IReadOnlyList<string>? QuickReplies = null)
{
    /// <summary>typing_on, typing_off or mark_seen for a sender action; null for a message.</summary>
    public string? SenderAction { get; init; }
}
