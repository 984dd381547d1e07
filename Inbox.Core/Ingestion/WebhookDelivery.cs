namespace Inbox.Core.Ingestion;

public enum DeliveryStatus
{
    Pending,
    Done,
    Dead,
    Unconnected,
}

public sealed record WebhookDelivery
{
    public long Id { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public required byte[] Body { get; init; }
    public DeliveryStatus Status { get; init; }
    public string? PageIds { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset? ProcessedAt { get; init; }
}
