namespace Inbox.Core.Conversations;

/// <summary>One version of an edited message: 0 is what the person first wrote.</summary>
public sealed record MessageVersion
{
    public long Number { get; init; }
    public string? Text { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>A referral that brought the person: an ad, an m.me link, a Messenger Code, the chat plugin.</summary>
public sealed record ConversationReferral
{
    public long Id { get; init; }
    public string Source { get; init; } = "";
    public string? Type { get; init; }
    public string? Ref { get; init; }
    public string? AdId { get; init; }
    public string? AdTitle { get; init; }
    public string? PhotoUrl { get; init; }
    public string? VideoUrl { get; init; }
    public string? PostId { get; init; }
    public string? RefererUri { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A line in the history that is not a message: an opt-in, the thread passing between apps.</summary>
public sealed record ConversationEvent
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string? Detail { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>Who did it, for changes made by people.</summary>
    public string? UserName { get; init; }
}

/// <summary>What the person agreed to receive, and on which topic.</summary>
public sealed record ConversationOptIn
{
    public string Type { get; init; } = "";
    public string? Topic { get; init; }
    public string? Payload { get; init; }
    public string? Frequency { get; init; }
    public string? Status { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}
