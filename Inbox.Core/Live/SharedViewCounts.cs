using Inbox.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>
/// The view tabs' counts for every user, read once per node at most twice a second however busy the inbox is, and
/// shared by every tab (each shows its own user's Mine and Mentions from the same reading).
/// </summary>
public sealed class SharedViewCounts(LiveFeed feed, ConversationStore conversations, TimeProvider time, ILogger<SharedViewCounts> logger)
    : SharedReading<ViewCounts>(feed, logger, time, TimeSpan.FromMilliseconds(500))
{
    protected override bool Concerns(InboxChange change) => change.Kind is not (InboxChangeKind.CommentChanged or InboxChangeKind.HistoryImportChanged);

    protected override bool Differs(ViewCounts? shown, ViewCounts read) =>
        shown is null || shown with { MineByUser = read.MineByUser, MentionsByUser = read.MentionsByUser } != read
        || !SameCounts(shown.MineByUser, read.MineByUser) || !SameCounts(shown.MentionsByUser, read.MentionsByUser);

    private static bool SameCounts(IReadOnlyDictionary<long, int> shown, IReadOnlyDictionary<long, int> read) =>
        shown.Count == read.Count && shown.All(entry => read.TryGetValue(entry.Key, out var count) && count == entry.Value);

    protected override Task<ViewCounts> ReadAsync(CancellationToken cancellationToken) => conversations.EveryonesViewCountsAsync(cancellationToken);
}
