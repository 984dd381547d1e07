namespace Inbox.Core.Meta;

/// <summary>One thing that happened on a Page, as Meta reports it. Timestamps are Meta's, not ours.</summary>
public abstract record PlatformEvent(string PageId, string Psid, DateTimeOffset Timestamp);

public sealed record Attachment(string Type, string? Url, string? Title, long? StickerId);

/// <summary>The person wrote to the Page.</summary>
public sealed record CustomerMessage(
    string PageId, string Psid, DateTimeOffset Timestamp, string Mid, string? Text, IReadOnlyList<Attachment> Attachments, string? QuickReplyPayload)
    : PlatformEvent(PageId, Psid, Timestamp);

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

/// <summary>A messaging event this version does not apply yet; kept in the delivery and counted.</summary>
public sealed record UnsupportedEvent(string PageId, string Psid, DateTimeOffset Timestamp, string Kind)
    : PlatformEvent(PageId, Psid, Timestamp);
