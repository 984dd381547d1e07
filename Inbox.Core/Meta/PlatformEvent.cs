namespace Inbox.Core.Meta;

/// <summary>One thing that happened on a Page, as Meta reports it. Timestamps are Meta's, not ours.</summary>
public abstract record PlatformEvent(string PageId, string Psid, DateTimeOffset Timestamp);

/// <summary>
/// What a person sent or shared with a message or comment, as a person would want to see it (a picture, a title, a link),
/// with Meta's own object kept in <see cref="Raw"/> for whatever this version does not show.
/// </summary>
public sealed record Attachment(string Type, string? Url, string? Title, long? StickerId)
{
    /// <summary>A product's price, a template card's second line.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The picture of a product or template card (the attachment itself is the picture for images).</summary>
    public string? ImageUrl { get; init; }

    public System.Text.Json.JsonElement? Raw { get; init; }
}

/// <summary>Where a person came from, as Meta's <c>referral</c> object describes it.</summary>
public sealed record Referral(
    string Source, string? Type, string? Ref, string? AdId, string? AdTitle, string? PhotoUrl, string? VideoUrl, string? PostId, string? RefererUri);

/// <summary>The person wrote to the Page, or pressed one of its buttons (a postback: the text is the button's title).</summary>
public sealed record CustomerMessage(
    string PageId, string Psid, DateTimeOffset Timestamp, string Mid, string? Text, IReadOnlyList<Attachment> Attachments, string? QuickReplyPayload)
    : PlatformEvent(PageId, Psid, Timestamp)
{
    /// <summary>The message this one answers (Messenger's swipe-to-reply).</summary>
    public string? ReplyToMid { get; init; }

    /// <summary>Set when the message came with a referral: the first message after an ad click, a postback from a link.</summary>
    public Referral? Referral { get; init; }

    /// <summary>Set for a button press.</summary>
    public string? PostbackPayload { get; init; }
}

/// <summary>The Page wrote to the person: our own send echoed back (matched by <see cref="Metadata"/>) or another app's.</summary>
public sealed record PageEcho(
    string PageId, string Psid, DateTimeOffset Timestamp, string Mid, string? Text, IReadOnlyList<Attachment> Attachments, string? Metadata, string? AppId)
    : PlatformEvent(PageId, Psid, Timestamp);

/// <summary>Every Page message at or before the watermark reached the person's device.</summary>
public sealed record MessagesDelivered(string PageId, string Psid, DateTimeOffset Timestamp, DateTimeOffset Watermark)
    : PlatformEvent(PageId, Psid, Timestamp);

/// <summary>The person saw every Page message at or before the watermark.</summary>
public sealed record MessagesRead(string PageId, string Psid, DateTimeOffset Timestamp, DateTimeOffset Watermark)
    : PlatformEvent(PageId, Psid, Timestamp);

/// <summary>A person already in a conversation came again through an ad, a link, a Messenger Code or the chat plugin.</summary>
public sealed record ReferralReceived(string PageId, string Psid, DateTimeOffset Timestamp, Referral Referral)
    : PlatformEvent(PageId, Psid, Timestamp);

/// <summary>The person reacted to a message, or took the reaction back (<see cref="Emoji"/> is then null).</summary>
public sealed record MessageReacted(string PageId, string Psid, DateTimeOffset Timestamp, string Mid, string? Emoji, string? Reaction)
    : PlatformEvent(PageId, Psid, Timestamp);

/// <summary>The person edited a message they sent; <see cref="EditNumber"/> counts the edits.</summary>
public sealed record MessageEdited(string PageId, string Psid, DateTimeOffset Timestamp, string Mid, string Text, int EditNumber)
    : PlatformEvent(PageId, Psid, Timestamp);

/// <summary>The person agreed to something: notification messages on a topic (<see cref="Title"/>), a plugin opt-in.</summary>
public sealed record OptedIn(string PageId, string Psid, DateTimeOffset Timestamp, string Type, string? Title, string? Payload)
    : PlatformEvent(PageId, Psid, Timestamp)
{
    /// <summary>How often the person agreed to hear (DAILY, WEEKLY, MONTHLY).</summary>
    public string? Frequency { get; init; }

    /// <summary>Meta's user_token_status (REFRESHED, NOT_REFRESHED).</summary>
    public string? Status { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}

public enum ThreadControlAction
{
    /// <summary>Another app passed the thread to a new owner.</summary>
    Passed,
    /// <summary>The primary receiver took the thread back.</summary>
    Taken,
    /// <summary>An app asked the owner for the thread.</summary>
    Requested,
}

/// <summary>Handover protocol / conversation routing: who answers this person now.</summary>
public sealed record ThreadControlChanged(
    string PageId, string Psid, DateTimeOffset Timestamp, ThreadControlAction Action, string? NewOwnerAppId, string? PreviousOwnerAppId, string? Metadata)
    : PlatformEvent(PageId, Psid, Timestamp);

/// <summary>The Page's app roles changed (<c>app_roles</c>): which app gets its messages first. Not about one person.</summary>
public sealed record AppRolesChanged(string PageId, DateTimeOffset Timestamp, string? PrimaryReceiverAppId)
    : PlatformEvent(PageId, "", Timestamp);

/// <summary>What happened to a comment: Meta's feed verbs, normalised (edit -> Edited, delete -> Removed).</summary>
public enum CommentVerb
{
    Added,
    Edited,
    Removed,
    Hidden,
    Unhidden,
}

/// <summary>
/// A comment under one of the Page's posts (feed webhook, item "comment"). <see cref="PlatformEvent.Psid"/> holds the
/// commenter's id, which is not a Messenger PSID; a private reply tells us that. The Page's own comments come too.
/// </summary>
public sealed record CommentChanged(
    string PageId, string FromId, DateTimeOffset Timestamp, CommentVerb Verb, string CommentId, string PostId, string? ParentId, string? FromName,
    string? Message, string? PostPermalink)
    : PlatformEvent(PageId, FromId, Timestamp)
{
    public bool ByPage => FromId == PageId;

    /// <summary>A photo or video the commenter attached.</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>The comment this one answers; null for a comment directly under the post.</summary>
    public string? ParentCommentId => ParentId is null || ParentId == PostId ? null : ParentId;
}

/// <summary>Meta blocked or restricted the Page's messaging (<c>policy-enforcement</c>); about the Page, not one person.</summary>
public sealed record PolicyNoticeReceived(string PageId, DateTimeOffset Timestamp, string Action, string? Reason)
    : PlatformEvent(PageId, "", Timestamp);

/// <summary>
/// An event Inbox could not read (a required field missing, a value of the wrong kind). It is kept apart with
/// <see cref="Reason"/> in words and its own JSON, while the other events of its delivery are applied.
/// </summary>
public sealed record UnreadableEvent(string PageId, string Psid, DateTimeOffset Timestamp, string Reason, string Json)
    : PlatformEvent(PageId, Psid, Timestamp);

/// <summary>A messaging event this version does not apply yet; kept in the delivery and counted.</summary>
public sealed record UnsupportedEvent(string PageId, string Psid, DateTimeOffset Timestamp, string Kind)
    : PlatformEvent(PageId, Psid, Timestamp);
