using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Core.Meta;

// Records mirroring Meta's webhook JSON (see shared/docs/meta-platform.md). Names are snake_case on the wire.

public sealed record MetaWebhook([property: JsonPropertyName("object")] string? ObjectType, IReadOnlyList<MetaEntry>? Entry);

public sealed record MetaEntry(
    string? Id,
    long Time,
    IReadOnlyList<MetaMessagingEvent>? Messaging,
    IReadOnlyList<MetaMessagingEvent>? Standby,
    IReadOnlyList<JsonElement>? Changes);

public sealed record MetaParty(string? Id);

public sealed record MetaMessagingEvent
{
    public MetaParty? Sender { get; init; }
    public MetaParty? Recipient { get; init; }
    public long Timestamp { get; init; }
    public MetaMessage? Message { get; init; }
    public MetaWatermark? Delivery { get; init; }
    public MetaWatermark? Read { get; init; }

    /// <summary>Every other field: postback, reaction, referral and the rest, which name the event's kind.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record MetaMessage(
    string? Mid,
    string? Text,
    bool IsEcho,
    long? AppId,
    string? Metadata,
    IReadOnlyList<MetaAttachment>? Attachments,
    MetaQuickReply? QuickReply);

public sealed record MetaAttachment(string? Type, MetaAttachmentPayload? Payload, string? Title, string? Url);

public sealed record MetaAttachmentPayload(string? Url, string? Title, long? StickerId);

public sealed record MetaQuickReply(string? Payload);

public sealed record MetaWatermark(long Watermark, IReadOnlyList<string>? Mids);
