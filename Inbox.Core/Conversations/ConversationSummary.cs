namespace Inbox.Core.Conversations;

/// <summary>A row of the conversation list.</summary>
public sealed record ConversationSummary
{
    public long Id { get; init; }
    public required string PageId { get; init; }
    public string? PageName { get; init; }
    public bool PageAllowsHumanAgent { get; init; }
    public required string Psid { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPictureUrl { get; init; }
    public DateTimeOffset LastMessageAt { get; init; }
    public required string LastMessagePreview { get; init; }
    public MessageDirection LastMessageDirection { get; init; }
    public DateTimeOffset? LastCustomerMessageAt { get; init; }
    /// <summary>Since when the customer has been waiting for an answer; null once the Page replied.</summary>
    public DateTimeOffset? WaitingSince { get; init; }

    /// <summary>The Page's latest reply in the conversation did not reach the customer: the list marks the row.</summary>
    public bool LastReplyFailed { get; init; }
    public int UnreadCount { get; init; }
    /// <summary>When the customer asked the bot for a person; the bot stays quiet from then on.</summary>
    public DateTimeOffset? HumanRequestedAt { get; init; }
    /// <summary>The source of the latest referral (ADS, SHORTLINK...), null when no referral brought the person.</summary>
    public string? Origin { get; init; }
    /// <summary>The app that owns the thread when another app took it; null when it is ours.</summary>
    public string? ThreadOwnerAppId { get; init; }
    /// <summary>When an agent marked the conversation as spam; spam is left out of the responsiveness figures.</summary>
    public DateTimeOffset? SpamAt { get; init; }
    public ConversationStatus Status { get; init; }
    public DateTimeOffset? SnoozedUntil { get; init; }
    public long? AssigneeUserId { get; init; }
    public string? AssigneeName { get; init; }
    public long? TeamId { get; init; }
    public string? TeamName { get; init; }

    /// <summary>The contact's name, or a clear placeholder built from the end of their PSID until Meta tells us.</summary>
    public string DisplayName => ContactNames.Display(ContactName, Psid);
}
