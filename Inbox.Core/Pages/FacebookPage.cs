namespace Inbox.Core.Pages;

/// <summary>A Facebook Page connected to Inbox (not a Razor page).</summary>
public sealed record FacebookPage
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string TimeZone { get; init; }
    public bool HasAccessToken { get; init; }
    /// <summary>Whether Meta approved the HUMAN_AGENT tag for this app and Page: replies up to 7 days.</summary>
    public bool HumanAgentEnabled { get; init; }
    /// <summary>Set when Meta refused the Page's token; cleared when an admin connects it again.</summary>
    public DateTimeOffset? DisconnectedAt { get; init; }
    public string? DisconnectedReason { get; init; }
    /// <summary>Why, as a <see cref="TokenProblem"/> kind (null for refusals recorded before kinds existed).</summary>
    public string? DisconnectedKind { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Meta's latest policy-enforcement notice for the Page ("block", "unblock"...), with its reason and time.</summary>
    public string? PolicyAction { get; init; }
    public string? PolicyReason { get; init; }
    public DateTimeOffset? PolicyNoticeAt { get; init; }
    /// <summary>Meta's picture of the Page, when it was connected through Facebook Login.</summary>
    public string? PictureUrl { get; init; }
    /// <summary>Permissions the Page's token lacks (declined when connecting, or removed since), comma-separated.</summary>
    public string? DeclinedPermissions { get; init; }
    /// <summary>The webhook fields the app is subscribed to (as connecting left them, or as the daily check read them); null when not known to be.</summary>
    public string? WebhookFields { get; init; }
}
