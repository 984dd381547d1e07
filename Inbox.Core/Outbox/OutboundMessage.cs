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
}
