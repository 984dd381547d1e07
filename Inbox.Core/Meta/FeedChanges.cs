using System.Text.Json;
using static Inbox.Core.Meta.JsonFields;

namespace Inbox.Core.Meta;

/// <summary>
/// Reads <c>entry[].changes[]</c> of Page feed webhooks. Times here are <b>seconds</b> (meta-platform.md); only comments
/// are applied, other items (posts, reactions, Page fields...) are kept in the delivery as unsupported.
/// </summary>
internal static class FeedChanges
{
    public static PlatformEvent ToEvent(string pageId, JsonElement change, DateTimeOffset entryTime)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            throw new MetaPayloadException("A change of the delivery is not an object.");
        }
        var field = Text(change, "field") ?? "unknown";
        if (Object(change, "value") is not { } value)
        {
            // Legacy Page changes (parking, payment_options...) say only which field changed.
            return new UnsupportedEvent(pageId, "", entryTime, $"{field}:(no value)");
        }
        var item = Text(value, "item");
        // A removal may come without created_time: the entry's time stands in.
        var createdAt = Field(value, "created_time") is null ? entryTime
            : Int64(value, "created_time") is { } seconds ? FromSeconds(seconds)
            : throw new MetaPayloadException("The feed change's created_time is not a number.");
        if (field != "feed" || item != "comment")
        {
            return new UnsupportedEvent(pageId, "", createdAt, $"{field}:{item ?? "?"}");
        }
        var verbText = Text(value, "verb") ?? throw new MetaPayloadException("The comment change lacks verb, so Inbox cannot tell what happened to the comment.");
        CommentVerb? verb = verbText switch
        {
            "add" => CommentVerb.Added,
            "edited" or "edit" => CommentVerb.Edited,
            "remove" or "delete" => CommentVerb.Removed,
            "hide" => CommentVerb.Hidden,
            "unhide" => CommentVerb.Unhidden,
            _ => null,
        };
        if (verb is null)
        {
            return new UnsupportedEvent(pageId, "", createdAt, $"feed:comment:{verbText}");
        }
        var commentId = Text(value, "comment_id") ?? throw new MetaPayloadException("The comment change lacks comment_id.");
        // Graph v2.x named the commenter with sender_id and sender_name; later versions with a from object.
        var from = Object(value, "from");
        var fromId = (from is { } by ? Text(by, "id") : null) ?? Text(value, "sender_id") ?? "";
        var fromName = (from is { } named ? Text(named, "name") : null) ?? Text(value, "sender_name");
        return new CommentChanged(
            pageId,
            fromId,
            createdAt,
            verb.Value,
            commentId,
            Text(value, "post_id") ?? throw new MetaPayloadException("The comment change lacks post_id."),
            Text(value, "parent_id"),
            fromName,
            Text(value, "message"),
            Object(value, "post") is { } post ? Text(post, "permalink_url") : null)
        {
            Attachments = Attachments(value),
        };
    }

    // A comment's photo or video is a plain url in the change.
    private static IReadOnlyList<Attachment> Attachments(JsonElement value) =>
        [.. new[] { ("photo", "image"), ("video", "video") }
            .Where(kind => Text(value, kind.Item1) is { Length: > 0 })
            .Select(kind => new Attachment(kind.Item2, Text(value, kind.Item1), null, null) { Raw = Field(value, kind.Item1)!.Value.Clone() })];

    // Feed times are seconds; a value in milliseconds would land in the year 50,000, so it is refused as malformed.
    private static DateTimeOffset FromSeconds(long value) =>
        value is >= 1_000_000_000 and < 100_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(value)
            : throw new MetaPayloadException($"created_time {value} is not a Unix time in seconds.");
}
