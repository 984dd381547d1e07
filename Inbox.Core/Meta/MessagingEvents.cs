using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Core.Meta;

/// <summary>Reads one <c>entry[].messaging[]</c> (or <c>standby[]</c>) event. Times here are milliseconds.</summary>
internal static class MessagingEvents
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        // Meta's own examples quote some numbers ("num_edit": "<INT>"); real payloads follow them.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static PlatformEvent ToEvent(string pageId, JsonElement item, DateTimeOffset entryTime)
    {
        var messaging = item.Deserialize<MetaMessagingEvent>(s_json) ?? throw new MetaPayloadException("A messaging event of the delivery is empty (null).");
        var timestamp = messaging.Timestamp is { } milliseconds ? FromMilliseconds(milliseconds, "timestamp") : entryTime;
        if (messaging.AppRoles is { } roles)
        {
            // A Page-level event without a sender: which app Meta hands the Page's messages to first.
            var primary = roles.FirstOrDefault(role => role.Value?.Contains("primary_receiver") == true).Key;
            return new AppRolesChanged(pageId, timestamp, primary);
        }
        if (messaging.PolicyEnforcement is { } policy)
        {
            return new PolicyNoticeReceived(pageId, timestamp, policy.Action ?? "block", policy.Reason);
        }
        if (messaging.Sender is { Id: null or "", UserRef: { Length: > 0 } } || (messaging.Optin is not null && messaging.Sender?.Id is null))
        {
            // The chat plugin's guests and the checkbox plugin name a person by a user_ref until they write from
            // Messenger; there is no one to open a conversation with yet.
            return new UnsupportedEvent(pageId, "", timestamp, $"{KindOf(messaging)} from a person known only by a user_ref");
        }
        var sender = Required(messaging.Sender?.Id, "sender.id");
        var recipient = Required(messaging.Recipient?.Id, "recipient.id");
        if (messaging.Message is { } message)
        {
            var attachments = MetaAttachments.Read(message.Attachments);
            var mid = Required(message.Mid, "message.mid");
            return message.IsEcho
                // An echo goes from the Page to the person: the person is the recipient.
                ? new PageEcho(pageId, recipient, timestamp, mid, message.Text, attachments, message.Metadata, message.AppId?.ToString(CultureInfo.InvariantCulture))
                : new CustomerMessage(pageId, sender, timestamp, mid, message.Text, attachments, message.QuickReply?.Payload)
                {
                    ReplyToMid = message.ReplyTo?.Mid,
                    Referral = ToReferral(message.Referral),
                };
        }
        if (messaging.Postback is { } postback)
        {
            // Older postbacks carry no mid; the person and Meta's timestamp identify the press instead.
            var mid = postback.Mid ?? $"postback:{sender}:{timestamp.ToUnixTimeMilliseconds()}";
            var title = string.IsNullOrEmpty(postback.Title) ? postback.Payload : postback.Title;
            return new CustomerMessage(pageId, sender, timestamp, mid, title, [], null)
            {
                PostbackPayload = postback.Payload ?? "",
                Referral = ToReferral(postback.Referral),
            };
        }
        if (messaging.Delivery is { } delivery)
        {
            return new MessagesDelivered(pageId, sender, timestamp, Watermark(delivery, timestamp, "delivery.watermark"));
        }
        if (messaging.Read is { } read)
        {
            return new MessagesRead(pageId, sender, timestamp, Watermark(read, timestamp, "read.watermark"));
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
            return new OptedIn(pageId, sender, timestamp, optin.Type ?? "plugin", optin.Title, optin.Payload ?? optin.Ref)
            {
                Frequency = optin.NotificationMessagesFrequency,
                Status = optin.UserTokenStatus,
                ExpiresAt = optin.TokenExpiryTimestamp is { } expiry ? FromMilliseconds(expiry, "optin.token_expiry_timestamp") : null,
            };
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
        return new UnsupportedEvent(pageId, sender, timestamp, KindOf(messaging));
    }

    private static string KindOf(MetaMessagingEvent messaging) =>
        messaging.Postback is not null ? "postback"
        : messaging.Message is not null ? "message"
        : messaging.Optin is not null ? "optin"
        : messaging.Other?.Keys.FirstOrDefault() ?? "unknown";

    // A receipt's watermark is every message up to then; without one, the receipt's own time is the watermark.
    private static DateTimeOffset Watermark(MetaWatermark receipt, DateTimeOffset timestamp, string field) =>
        receipt.Watermark is { } watermark ? FromMilliseconds(watermark, field) : timestamp;

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

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new MetaPayloadException($"The event lacks {field}, which Inbox needs to apply it.") : value;

    // Messenger timestamps are milliseconds; a value in seconds would land in 1970, so it is refused as malformed.
    private static DateTimeOffset FromMilliseconds(long value, string field) =>
        value is >= 100_000_000_000 and <= 100_000_000_000_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : throw new MetaPayloadException($"{field} {value} is not a Unix time in milliseconds.");
}
