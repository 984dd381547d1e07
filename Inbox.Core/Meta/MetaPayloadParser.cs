using System.Text.Json;

namespace Inbox.Core.Meta;

/// <summary>Turns a webhook delivery into platform events: every entry, every messaging and standby event.</summary>
public static class MetaPayloadParser
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    public sealed record ParsedDelivery(IReadOnlyList<string> PageIds, IReadOnlyList<PlatformEvent> Events);

    public static ParsedDelivery Parse(ReadOnlySpan<byte> body)
    {
        MetaWebhook? webhook;
        try
        {
            webhook = JsonSerializer.Deserialize<MetaWebhook>(body, s_json);
        }
        catch (JsonException exception)
        {
            throw new MetaPayloadException($"The body is not valid webhook JSON: {exception.Message}", exception);
        }
        if (webhook?.ObjectType != "page")
        {
            throw new MetaPayloadException($"Unsupported object '{webhook?.ObjectType ?? "(none)"}': only \"page\" deliveries are handled.");
        }
        if (webhook.Entry is not { Count: > 0 } entries)
        {
            throw new MetaPayloadException("The delivery has no entry.");
        }

        var events = new List<PlatformEvent>();
        var pageIds = new List<string>();
        foreach (var entry in entries)
        {
            var pageId = Required(entry.Id, "entry.id");
            if (!pageIds.Contains(pageId))
            {
                pageIds.Add(pageId);
            }
            foreach (var messaging in (entry.Messaging ?? []).Concat(entry.Standby ?? []))
            {
                events.Add(ToEvent(pageId, messaging));
            }
        }
        return new ParsedDelivery(pageIds, events);
    }

    private static PlatformEvent ToEvent(string pageId, MetaMessagingEvent messaging)
    {
        var timestamp = FromMilliseconds(messaging.Timestamp, "timestamp");
        var sender = Required(messaging.Sender?.Id, "sender.id");
        var recipient = Required(messaging.Recipient?.Id, "recipient.id");
        if (messaging.Message is { } message)
        {
            var attachments = (message.Attachments ?? []).Select(ToAttachment).ToList();
            var mid = Required(message.Mid, "message.mid");
            return message.IsEcho
                // An echo goes from the Page to the person: the person is the recipient.
                ? new PageEcho(pageId, recipient, timestamp, mid, message.Text, attachments, message.Metadata, message.AppId?.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : new CustomerMessage(pageId, sender, timestamp, mid, message.Text, attachments, message.QuickReply?.Payload);
        }
        if (messaging.Delivery is { } delivery)
        {
            return new MessagesDelivered(pageId, sender, timestamp, FromMilliseconds(delivery.Watermark, "delivery.watermark"));
        }
        if (messaging.Read is { } read)
        {
            return new MessagesRead(pageId, sender, timestamp, FromMilliseconds(read.Watermark, "read.watermark"));
        }
        var kind = messaging.Other?.Keys.FirstOrDefault() ?? "unknown";
        return new UnsupportedEvent(pageId, sender, timestamp, kind);
    }

    private static Attachment ToAttachment(MetaAttachment attachment) => new(
        attachment.Type ?? "unknown",
        attachment.Payload?.Url ?? attachment.Url,
        attachment.Payload?.Title ?? attachment.Title,
        attachment.Payload?.StickerId);

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new MetaPayloadException($"The delivery lacks {field}.") : value;

    // Messenger timestamps are milliseconds; a value in seconds would land in 1970, so it is refused as malformed.
    private static DateTimeOffset FromMilliseconds(long value, string field) =>
        value >= 100_000_000_000 && value <= 100_000_000_000_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : throw new MetaPayloadException($"{field} {value} is not a Unix time in milliseconds.");
}
