namespace Inbox.Core.Outbox;

/// <summary>A reply waiting to be sent, with what the Send API needs.</summary>
public sealed record OutboundMessage
{
    public long Id { get; init; }
    public long ConversationId { get; init; }
    public required string ClientId { get; init; }
    public required string PageId { get; init; }
    public required string Psid { get; init; }
    public required string Text { get; init; }
    public int SendAttempts { get; init; }
    public string? QuickRepliesJson { get; init; }
    /// <summary>HUMAN_AGENT for a person's reply 24 hours to 7 days after the customer wrote; null for RESPONSE.</summary>
    public string? MessageTag { get; init; }
    /// <summary>Null while queued; "sending" or "unknown" (see <see cref="OutboxState"/>).</summary>
    public string? SendState { get; init; }
    /// <summary>When the reply was written (or put back by "Send again").</summary>
    public DateTimeOffset WrittenAt { get; init; }

    public OutboxState State => SendState switch
    {
        "sending" => OutboxState.Sending,
        "unknown" => OutboxState.Unknown,
        _ => OutboxState.Queued,
    };
}
