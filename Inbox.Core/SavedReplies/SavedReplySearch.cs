namespace Inbox.Core.SavedReplies;

/// <summary>What the composer's <c>/</c> picker shows: matches on shortcut first, then title, then body.</summary>
public static class SavedReplySearch
{
    public static IReadOnlyList<SavedReply> Filter(IReadOnlyList<SavedReply> replies, string query, int limit = 8)
    {
        query = query.Trim();
        if (query.Length == 0)
        {
            return [.. replies.OrderByDescending(r => r.UsageCount).ThenBy(r => r.Title, StringComparer.CurrentCulture).Take(limit)];
        }
        return [.. replies
            .Select(reply => (Reply: reply, Rank: Rank(reply, query)))
            .Where(match => match.Rank < int.MaxValue)
            .OrderBy(match => match.Rank)
            .ThenByDescending(match => match.Reply.UsageCount)
            .Select(match => match.Reply)
            .Take(limit)];
    }

    private static int Rank(SavedReply reply, string query) =>
        reply.Shortcut.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? 0
        : reply.Title.Contains(query, StringComparison.CurrentCultureIgnoreCase) ? 1
        : reply.Shortcut.Contains(query, StringComparison.OrdinalIgnoreCase) ? 2
        : reply.Body.Contains(query, StringComparison.CurrentCultureIgnoreCase) ? 3
        : int.MaxValue;
}
