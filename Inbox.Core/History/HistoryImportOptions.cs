namespace Inbox.Core.History;

/// <summary>The <c>History</c> configuration section: how much is read per call and how fast Meta is asked.</summary>
public sealed class HistoryImportOptions
{
    public const string SectionName = "History";

    /// <summary>Conversations or posts per list page.</summary>
    public int ListLimit { get; set; } = 25;

    /// <summary>Messages or comments per page of one conversation or post.</summary>
    public int ItemLimit { get; set; } = 100;

    /// <summary>Between two calls for one Page: Meta allows the Conversations API 2 calls a second per Page.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Meta's usage headers at or above this percentage: calls are spaced by <see cref="SlowInterval"/>.</summary>
    public int SlowFromPercent { get; set; } = 95;

    /// <summary>Above this percentage calls are spaced four times wider, before Meta has to say stop.</summary>
    public int EaseFromPercent { get; set; } = 75;

    public TimeSpan SlowInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After Meta could not answer (a timeout, a 5xx), the same step is tried again after this long.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}
