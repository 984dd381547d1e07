namespace Inbox.Core.History;

/// <summary>How far a Page's history import has come, as Settings shows it.</summary>
public sealed record HistoryImport
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Stopped = "stopped";

    /// <summary>The lists are read first (what to import), then each conversation's messages and each post's comments.</summary>
    public const string ListingConversations = "conversations";
    public const string ListingFeed = "feed";
    public const string ReadingItems = "items";

    /// <summary>Why an import stopped, besides a <see cref="Pages.TokenProblem"/> kind.</summary>
    public const string StoppedByPermission = "permission";
    public const string StoppedByMeta = "meta";

    public required string PageId { get; init; }
    public required string State { get; init; }
    public required string Phase { get; init; }
    public DateTimeOffset SinceAt { get; init; }
    public int Days { get; init; }
    /// <summary>When the Page was connected: imported messages before it count in the figures only when <see cref="IncludeInReport"/>.</summary>
    public DateTimeOffset CountsFrom { get; init; }
    public bool IncludeInReport { get; init; }
    public string? NextUrl { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? SlowedUntil { get; init; }
    public int ItemsTotal { get; init; }
    public int ItemsDone { get; init; }
    public int MessagesImported { get; init; }
    public int CommentsImported { get; init; }
    public string? StoppedKind { get; init; }
    public string? StoppedReason { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Done so far, from 0 to 1; null while the lists are read and the whole is not known yet.</summary>
    public double? Progress => State == Done ? 1 : Phase == ReadingItems && ItemsTotal > 0 ? (double)ItemsDone / ItemsTotal : null;

    public bool IsSlowed(DateTimeOffset now) => State == Running && SlowedUntil > now;
}
