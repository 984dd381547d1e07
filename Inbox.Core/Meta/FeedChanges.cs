using System.Text.Json;

namespace Inbox.Core.Meta;

/// <summary>
/// Reads <c>entry[].changes[]</c> of Page feed webhooks. Times here are <b>seconds</b> (meta-platform.md); only comments
/// are applied, other items (posts, reactions...) are kept in the delivery as unsupported.
/// </summary>
internal static class FeedChanges
{
    public static PlatformEvent ToEvent(string pageId, JsonElement change)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            throw new MetaPayloadException("A change of the delivery is not an object.");
        }
        var field = Text(change, "field") ?? "unknown";
        if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new MetaPayloadException($"The {field} change has no value.");
        }
        var item = Text(value, "item");
        var createdAt = value.TryGetProperty("created_time", out var created) && Seconds(created) is { } seconds
            ? FromSeconds(seconds)
            : throw new MetaPayloadException("The feed change lacks created_time.");
        if (field != "feed" || item != "comment")
        {
            return new UnsupportedEvent(pageId, "", createdAt, $"{field}:{item ?? "?"}");
        }
        var verbText = Text(value, "verb") ?? throw new MetaPayloadException("The comment change lacks verb.");
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
        var from = value.TryGetProperty("from", out var party) && party.ValueKind == JsonValueKind.Object ? party : default;
        var post = value.TryGetProperty("post", out var postObject) && postObject.ValueKind == JsonValueKind.Object ? postObject : default;
        return new CommentChanged(
            pageId,
            (from.ValueKind == JsonValueKind.Object ? Text(from, "id") : null) ?? "",
            createdAt,
            verb.Value,
            commentId,
            Text(value, "post_id") ?? throw new MetaPayloadException("The comment change lacks post_id."),
            Text(value, "parent_id"),
            from.ValueKind == JsonValueKind.Object ? Text(from, "name") : null,
            Text(value, "message"),
            post.ValueKind == JsonValueKind.Object ? Text(post, "permalink_url") : null);
    }

    private static long? Seconds(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(element.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    // Feed times are seconds; a value in milliseconds would land in the year 50,000, so it is refused as malformed.
    private static DateTimeOffset FromSeconds(long value) =>
        value is >= 1_000_000_000 and < 100_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(value)
            : throw new MetaPayloadException($"created_time {value} is not a Unix time in seconds.");
}
