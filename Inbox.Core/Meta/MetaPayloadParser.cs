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
            throw new MetaPayloadException(InWords(exception), exception);
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
            var pageId = Required(entry?.Id, "entry.id");
            if (!pageIds.Contains(pageId))
            {
                pageIds.Add(pageId);
            }
            foreach (var messaging in (entry!.Messaging ?? []).Concat(entry.Standby ?? []))
            {
                events.Add(ToEvent(pageId, messaging ?? throw new MetaPayloadException("A messaging event of the delivery is null.")));
            }
            foreach (var change in entry.Changes ?? [])
            {
                events.Add(FeedChanges.ToEvent(pageId, change));
            }
        }
        return new ParsedDelivery(pageIds, events);
    }

    // System.Text.Json's messages name .NET types; the person reading Settings > Deliveries needs where and what.
    private static string InWords(JsonException exception)
    {
        var where = exception.Path is { Length: > 0 } path ? $" at {path}" : "";
        var line = exception.LineNumber is { } number ? $" (line {number + 1}, byte {exception.BytePositionInLine})" : "";
        return exception.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"The body is not a delivery Inbox can read: the value{where} is not of the kind Meta sends there (text, number, list or object){line}."
            : $"The body is not complete JSON: it is cut short or malformed{where}{line}.";
    }

    private static PlatformEvent ToEvent(string pageId, MetaMessagingEvent messaging)
    {
        var timestamp = FromMilliseconds(messaging.Timestamp, "timestamp");
        if (messaging.AppRoles is { } roles)
        {
            // A Page-level event without a sender: which app Meta hands the Page's messages to first.
            var primary = roles.FirstOrDefault(role => role.Value?.Contains("primary_receiver") == true).Key;
            return new AppRolesChanged(pageId, timestamp, primary);
        }
        if (messaging.Optin is { } checkboxOptin && messaging.Sender?.Id is null)
        {
            // The checkbox plugin names the person by a user_ref until they write; there is no one to show yet.
            return new UnsupportedEvent(pageId, "", timestamp, $"optin ({checkboxOptin.Type ?? "plugin"}) without a person");
        }
        var sender = Required(messaging.Sender?.Id, "sender.id");
        var recipient = Required(messaging.Recipient?.Id, "recipient.id");
        if (messaging.Message is { } message)
        {
            var attachments = (message.Attachments ?? []).OfType<MetaAttachment>().Select(ToAttachment).ToList();
            var mid = Required(message.Mid, "message.mid");
            return message.IsEcho
                // An echo goes from the Page to the person: the person is the recipient.
                ? new PageEcho(pageId, recipient, timestamp, mid, message.Text, attachments, message.Metadata, message.AppId?.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : new CustomerMessage(pageId, sender, timestamp, mid, message.Text, attachments, message.QuickReply?.Payload)
                {
                    ReplyToMid = message.ReplyTo?.Mid,
                    Referral = ToReferral(message.Referral),
                };
        }
        if (messaging.Postback is { } postback)
        {
            // Older postbacks carry no mid; the person and Meta's timestamp identify the press instead.
            var mid = postback.Mid ?? $"postback:{sender}:{messaging.Timestamp}";
            return new CustomerMessage(pageId, sender, timestamp, mid, postback.Title ?? postback.Payload, [], null)
            {
                PostbackPayload = postback.Payload ?? "",
                Referral = ToReferral(postback.Referral),
            };
        }
        if (messaging.Delivery is { } delivery)
        {
            return new MessagesDelivered(pageId, sender, timestamp, FromMilliseconds(delivery.Watermark, "delivery.watermark"));
        }
        if (messaging.Read is { } read)
        {
            return new MessagesRead(pageId, sender, timestamp, FromMilliseconds(read.Watermark, "read.watermark"));
        }
        if (ToReferral(messaging.Referral) is { } referral)
        {
            return new ReferralReceived(pageId, sender, timestamp, referral);
        }
        if (messaging.Reaction is { } reaction)
        {
            var removed = string.Equals(reaction.Action, "unreact", StringComparison.OrdinalIgnoreCase);
            return new MessageReacted(pageId, sender, timestamp, Required(reaction.Mid, "reaction.mid"), removed ? null : reaction.Emoji ?? reaction.Reaction, removed ? null : reaction.Reaction);
        }
        if (messaging.MessageEdit is { } edit)
        {
            return new MessageEdited(pageId, sender, timestamp, Required(edit.Mid, "message_edit.mid"), edit.Text ?? "", edit.NumEdit);
        }
        if (messaging.Optin is { } optin)
        {
            return new OptedIn(pageId, sender, timestamp, optin.Type ?? "plugin", optin.Title, optin.Payload ?? optin.Ref);
        }
        if (messaging.PassThreadControl is { } passed)
        {
            return new ThreadControlChanged(pageId, sender, timestamp, ThreadControlAction.Passed, passed.NewOwnerAppId, passed.PreviousOwnerAppId, passed.Metadata);
        }
        if (messaging.TakeThreadControl is { } taken)
        {
            return new ThreadControlChanged(pageId, sender, timestamp, ThreadControlAction.Taken, taken.NewOwnerAppId, taken.PreviousOwnerAppId, taken.Metadata);
        }
        if (messaging.RequestThreadControl is { } requested)
        {
            return new ThreadControlChanged(pageId, sender, timestamp, ThreadControlAction.Requested, requested.RequestedOwnerAppId, null, requested.Metadata);
        }
        var kind = messaging.Other?.Keys.FirstOrDefault() ?? "unknown";
        return new UnsupportedEvent(pageId, sender, timestamp, kind);
    }

    private static Referral? ToReferral(MetaReferral? referral) => referral is null ? null : new Referral(
        // Meta treats source as an open set; a referral without one still says the person came from somewhere.
        string.IsNullOrWhiteSpace(referral.Source) ? "UNKNOWN" : referral.Source.ToUpperInvariant(),
        referral.Type,
        referral.Ref,
        referral.AdId,
        referral.AdsContextData?.AdTitle,
        referral.AdsContextData?.PhotoUrl,
        referral.AdsContextData?.VideoUrl,
        referral.AdsContextData?.PostId,
        referral.RefererUri);

    private static Attachment ToAttachment(MetaAttachment attachment) => new(
        attachment.Type ?? "unknown",
        attachment.Payload?.Url ?? attachment.Url ?? MapUrl(attachment.Payload?.Coordinates),
        attachment.Payload?.Title ?? attachment.Title,
        attachment.Payload?.StickerId);

    // A shared location carries only coordinates; a map link lets the agent open it.
    private static string? MapUrl(MetaCoordinates? at) => at is null ? null : string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/?mlat={at.Lat}&mlon={at.Longitude}#map=16/{at.Lat}/{at.Longitude}");

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new MetaPayloadException($"The delivery lacks {field}.") : value;

    // Messenger timestamps are milliseconds; a value in seconds would land in 1970, so it is refused as malformed.
    private static DateTimeOffset FromMilliseconds(long value, string field) =>
        value >= 100_000_000_000 && value <= 100_000_000_000_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : throw new MetaPayloadException($"{field} {value} is not a Unix time in milliseconds.");
}
