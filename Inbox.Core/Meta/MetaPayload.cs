using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Core.Meta;

// Records mirroring one messaging event of Meta's webhook JSON (see shared/docs/meta-platform.md). Names are snake_case
// on the wire; the envelope around them is read by MetaPayloadParser, so one odd event cannot spoil the others.

/// <summary>A person or Page: a PSID or Page id (sent as text or a number), or a chat-plugin guest's <c>user_ref</c>.</summary>
public sealed record MetaParty([property: JsonConverter(typeof(StringOrNumberConverter))] string? Id, string? UserRef);

public sealed record MetaMessagingEvent
{
    public MetaParty? Sender { get; init; }
    public MetaParty? Recipient { get; init; }
    /// <summary>Missing on some receipts (Meta's own reference example has none): the entry's time stands in.</summary>
    public long? Timestamp { get; init; }
    public MetaMessage? Message { get; init; }
    public MetaWatermark? Delivery { get; init; }
    public MetaWatermark? Read { get; init; }
    public MetaPostback? Postback { get; init; }
    public MetaReferral? Referral { get; init; }
    public MetaReaction? Reaction { get; init; }
    public MetaMessageEdit? MessageEdit { get; init; }
    public MetaOptin? Optin { get; init; }
    public MetaThreadControl? PassThreadControl { get; init; }
    public MetaThreadControl? TakeThreadControl { get; init; }
    public MetaThreadControl? RequestThreadControl { get; init; }
    public Dictionary<string, IReadOnlyList<string>>? AppRoles { get; init; }

    [JsonPropertyName("policy-enforcement")]
    public MetaPolicyEnforcement? PolicyEnforcement { get; init; }

    /// <summary>Every other field: kinds this version does not know, which name the event's kind.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record MetaMessage(
    string? Mid,
    string? Text,
    bool IsEcho,
    long? AppId,
    string? Metadata,
    JsonElement? Attachments,
    MetaQuickReply? QuickReply,
    MetaReplyTo? ReplyTo = null,
    MetaReferral? Referral = null);

public sealed record MetaReplyTo(string? Mid);

public sealed record MetaPostback(string? Mid, string? Title, string? Payload, MetaReferral? Referral);

public sealed record MetaReferral(
    string? Ref, string? Source, string? Type, [property: JsonConverter(typeof(StringOrNumberConverter))] string? AdId, MetaAdsContext? AdsContextData, string? RefererUri);

public sealed record MetaAdsContext(
    string? AdTitle, string? PhotoUrl, string? VideoUrl, [property: JsonConverter(typeof(StringOrNumberConverter))] string? PostId);

public sealed record MetaReaction(string? Reaction, string? Emoji, string? Action, string? Mid);

public sealed record MetaMessageEdit(string? Mid, string? Text, int NumEdit);

public sealed record MetaOptin(
    string? Type, string? Payload, string? Title, string? Ref, string? NotificationMessagesFrequency, long? TokenExpiryTimestamp, string? UserTokenStatus);

/// <summary>pass_thread_control, take_thread_control and request_thread_control share these fields.</summary>
public sealed record MetaThreadControl(
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? NewOwnerAppId,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? PreviousOwnerAppId,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? RequestedOwnerAppId,
    string? Metadata);

public sealed record MetaQuickReply(string? Payload);

public sealed record MetaWatermark(long? Watermark, IReadOnlyList<string>? Mids);

public sealed record MetaPolicyEnforcement(string? Action, string? Reason);
