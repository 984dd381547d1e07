namespace Inbox.Core.Conversations;

/// <summary>
/// How many conversations each view holds, for every user at once: the views that do not depend on the viewer, and
/// Mine and Mentions by user. One read serves every tab of every agent on a node (issue #18).
/// </summary>
public sealed record ViewCounts(
    int Unassigned, int All, int Done, int Snoozed,
    IReadOnlyDictionary<long, int> MineByUser, IReadOnlyDictionary<long, int> MentionsByUser)
{
    /// <summary>The counts one user's tabs show.</summary>
    public IReadOnlyDictionary<InboxView, int> For(long userId) => new Dictionary<InboxView, int>
    {
        [InboxView.Mine] = MineByUser.GetValueOrDefault(userId),
        [InboxView.Unassigned] = Unassigned,
        [InboxView.All] = All,
        [InboxView.Done] = Done,
        [InboxView.Mentions] = MentionsByUser.GetValueOrDefault(userId),
        [InboxView.Snoozed] = Snoozed,
    };
}
