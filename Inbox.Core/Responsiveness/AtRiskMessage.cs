namespace Inbox.Core.Responsiveness;

/// <summary>A new message still waiting for its first response. Times are Unix milliseconds, Meta's.</summary>
public sealed record AtRiskMessage
{
    public long ConversationId { get; init; }
    public long MessageId { get; init; }
    public string PageName { get; init; } = "";
    public string? ContactName { get; init; }
    public string Psid { get; init; } = "";
    public long ReceivedAt { get; init; }
    /// <summary>Null while the Page is switched to Away.</summary>
    public long? ClockStartAt { get; init; }
    public string? MessageText { get; init; }

    public string DisplayName => Conversations.ContactNames.Display(ContactName, Psid);

    /// <summary>When the message passes the median target; null while the clock has not started.</summary>
    public DateTimeOffset? DeadlineFor(ResponsivenessTargets targets) =>
        ClockStartAt is { } start ? DateTimeOffset.FromUnixTimeMilliseconds(start) + targets.MedianTarget : null;
}
