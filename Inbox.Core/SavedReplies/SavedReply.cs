namespace Inbox.Core.SavedReplies;

public sealed record SavedReply
{
    public long Id { get; init; }
    /// <summary>Null for a team reply; the owner's id for a personal one.</summary>
    public long? OwnerUserId { get; init; }
    public required string Title { get; init; }
    public required string Shortcut { get; init; }
    public required string Language { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public int UsageCount { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public bool IsPersonal => OwnerUserId is not null;
    public string? QuickRepliesJson { get; init; }
    public IReadOnlyList<string> QuickReplies => Storage.JsonList.FromJson(QuickRepliesJson);
    public string? FaqTriggersJson { get; init; }
    /// <summary>Phrases that make the bot send this reply by itself; empty when it is not an FAQ.</summary>
    public IReadOnlyList<string> FaqTriggers => Storage.JsonList.FromJson(FaqTriggersJson);
    public bool IsFaq => FaqTriggers.Count > 0;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
