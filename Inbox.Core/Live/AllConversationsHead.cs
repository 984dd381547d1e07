using Inbox.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>The count and the first rows of a conversation list.</summary>
public sealed record ConversationPage(int Total, IReadOnlyList<ConversationSummary> Rows);

/// <summary>
/// The top of the "All" view in its default order (newest first, nothing filtered): what most tabs show most of the
/// time, so it is read once per node per change and every such tab renders from it (issue #18). A tab scrolled past it,
/// or filtered, reads its own rows.
/// </summary>
public sealed class AllConversationsHead(LiveFeed feed, ConversationStore conversations, ILogger<AllConversationsHead> logger)
    : SharedReading<ConversationPage>(feed, logger)
{
    /// <summary>Rows kept: more than a tall screen shows with the list's overscan.</summary>
    public const int Size = 60;

    private static readonly ConversationFilter s_filter = new(View: InboxView.All);

    /// <summary>Whether a list with this filter shows the shared rows (the "All" view does not depend on the viewer).</summary>
    public static bool Serves(ConversationFilter filter) => filter with { UserId = 0 } == s_filter;

    /// <summary>The rows from <paramref name="start"/> when the shared head holds them all.</summary>
    public bool TryServe(int start, int count, out IReadOnlyList<ConversationSummary> rows, out int total)
    {
        var page = Current;
        if (!HasValue || page is null || (start + count > page.Rows.Count && page.Total > page.Rows.Count))
        {
            (rows, total) = ([], 0);
            return false;
        }
        (rows, total) = ([.. page.Rows.Skip(start).Take(count)], page.Total);
        return true;
    }

    protected override bool Concerns(InboxChange change) => true;

    protected override async Task<ConversationPage> ReadAsync(CancellationToken cancellationToken) =>
        new(await conversations.CountAsync(s_filter, cancellationToken), await conversations.ListAsync(s_filter, 0, Size, cancellationToken));
}
