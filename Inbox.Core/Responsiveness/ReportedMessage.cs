namespace Inbox.Core.Responsiveness;

/// <summary>
/// A new message as the report counts it: what became of it and, when answered, how fast and by whom. The
/// conversation is only filled in for a drill-down (0 otherwise).
/// </summary>
public readonly record struct ReportedMessage(
    long ConversationId, string PageId, long ReceivedAt, FactOutcome Outcome, double ResponseSeconds, string? ResponderKind, long? ResponderUserId);
