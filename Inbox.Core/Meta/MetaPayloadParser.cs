using System.Text.Json;
using static Inbox.Core.Meta.JsonFields;

namespace Inbox.Core.Meta;

/// <summary>
/// Turns a webhook delivery into platform events: every entry, every messaging, standby and feed event. Only a body
/// that is not a Page delivery at all is refused whole; an event that cannot be read becomes an
/// <see cref="UnreadableEvent"/> with its reason, so it never costs the other events of its delivery.
/// </summary>
public static class MetaPayloadParser
{
    /// <param name="EventJson">Each event's own JSON, in the order of <paramref name="Events"/>, when asked for.</param>
    public sealed record ParsedDelivery(IReadOnlyList<string> PageIds, IReadOnlyList<PlatformEvent> Events, IReadOnlyList<string>? EventJson = null);

    /// <param name="receivedAt">When Inbox stored the delivery: the time of an event that carries none.</param>
    /// <param name="withEventJson">Also return each event's JSON (to keep an event apart when applying it fails).</param>
    public static ParsedDelivery Parse(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, bool withEventJson = false)
    {
        using var document = Document(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MetaPayloadException("The body is JSON but not an object, so it is not a webhook delivery.");
        }
        if (Text(root, "object") is var objectType && objectType != "page")
        {
            // Named in the reason, cut short: the value is whatever the sender wrote there.
            var named = objectType is { Length: > 40 } ? objectType[..40] + "…" : objectType ?? "(none)";
            throw new MetaPayloadException($"Unsupported object '{named}': only \"page\" deliveries are handled.");
        }
        var entries = Array(root, "entry").ToList();
        if (entries.Count == 0)
        {
            throw new MetaPayloadException("The delivery has no entry.");
        }

        var events = new Events(withEventJson);
        var pageIds = new List<string>();
        foreach (var entry in entries)
        {
            ReadEntry(entry, receivedAt, events, pageIds);
        }
        return new ParsedDelivery(pageIds, events.Read, events.Json);
    }

    private sealed class Events(bool withJson)
    {
        public List<PlatformEvent> Read { get; } = [];
        public List<string>? Json { get; } = withJson ? [] : null;

        public void Add(PlatformEvent platformEvent, JsonElement item)
        {
            Read.Add(platformEvent);
            Json?.Add(platformEvent is UnreadableEvent unreadable ? unreadable.Json : item.GetRawText());
        }
    }

    private static void ReadEntry(JsonElement entry, DateTimeOffset receivedAt, Events events, List<string> pageIds)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            events.Add(new UnreadableEvent("", "", receivedAt, "An entry of the delivery is not an object.", entry.GetRawText()), entry);
            return;
        }
        // Receipts may come without their own timestamp: the entry's time, then the arrival, stand in.
        var entryTime = EntryTime(Int64(entry, "time")) ?? receivedAt;
        var messaging = Array(entry, "messaging").Concat(Array(entry, "standby")).ToList();
        var changes = Array(entry, "changes").ToList();
        if (Text(entry, "id") is not { Length: > 0 } pageId)
        {
            const string NoPage = "The entry lacks its Page id (entry.id), so Inbox cannot tell which Page this event is for.";
            foreach (var item in messaging.Concat(changes).DefaultIfEmpty(entry))
            {
                events.Add(new UnreadableEvent("", "", entryTime, NoPage, item.GetRawText()), item);
            }
            return;
        }
        if (!pageIds.Contains(pageId))
        {
            pageIds.Add(pageId);
        }
        foreach (var item in messaging)
        {
            events.Add(Guarded(pageId, item, entryTime, () => MessagingEvents.ToEvent(pageId, item, entryTime)), item);
        }
        foreach (var change in changes)
        {
            events.Add(Guarded(pageId, change, entryTime, () => FeedChanges.ToEvent(pageId, change, entryTime)), change);
        }
    }

    // One event's problem stays with that event: it is kept with the reason, in words, and its own JSON.
    private static PlatformEvent Guarded(string pageId, JsonElement item, DateTimeOffset entryTime, Func<PlatformEvent> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is MetaPayloadException or JsonException)
        {
            var psid = Object(item, "sender") is { } sender ? Text(sender, "id") : null;
            var reason = exception is JsonException json ? InWords(json, wholeBody: false) : exception.Message;
            return new UnreadableEvent(pageId, psid ?? "", entryTime, reason, item.GetRawText());
        }
    }

    private static JsonDocument Document(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw new MetaPayloadException(InWords(exception, wholeBody: true), exception);
        }
    }

    // System.Text.Json's messages name .NET types; the person reading Settings > Deliveries needs where and what.
    // The body was parsed whole before any event is read, so an event's problem is a value of the wrong kind.
    private static string InWords(JsonException exception, bool wholeBody) => wholeBody
        ? $"The body is not complete JSON: it is cut short or malformed{At(exception)}{Line(exception)}."
        : $"The event is not one Inbox can read: the value{At(exception)} is not of the kind Meta sends there (text, number, list or object){Line(exception)}.";

    private static string At(JsonException exception) => exception.Path is { Length: > 0 } path ? $" at {path}" : "";

    private static string Line(JsonException exception) =>
        exception.LineNumber is { } number ? $" (line {number + 1}, byte {exception.BytePositionInLine})" : "";

    // Messenger entries carry milliseconds, feed entries seconds; anything else is no time at all.
    private static DateTimeOffset? EntryTime(long? value) => value switch
    {
        >= 100_000_000_000 and <= 100_000_000_000_000 => DateTimeOffset.FromUnixTimeMilliseconds(value.Value),
        >= 1_000_000_000 and < 100_000_000_000 => DateTimeOffset.FromUnixTimeSeconds(value.Value),
        _ => null,
    };
}
