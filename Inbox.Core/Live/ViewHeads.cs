using Inbox.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>The count and the first rows of a conversation list.</summary>
public sealed record ConversationPage(int Total, IReadOnlyList<ConversationSummary> Rows);

/// <summary>
/// The top of a view that does not depend on who looks (All, Unassigned), in its default order with nothing filtered:
/// what most tabs show most of the time, so it is read once per node per change and every such tab renders from it
/// (issue #18). A tab scrolled past it, or on another view, filter or sort, reads its own rows.
/// </summary>
public sealed class ViewHead(InboxView view, LiveFeed feed, ConversationStore conversations, TimeProvider time, ILogger logger)
    : SharedReading<ConversationPage>(feed, logger, time, Pause)
{
    /// <summary>
    /// The least time between two reads. A lone message shows at once; under a stream of them every tab re-renders
    /// at most this often, so hundreds of tabs do not each re-render for every message.
    /// </summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>Rows kept: more than a tall screen shows with the list's overscan.</summary>
    public const int Size = 60;

    public ConversationFilter Filter { get; } = new(View: view);

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

    protected override string Name { get; } = $"{nameof(ViewHead)}.{view}";

    protected override bool Concerns(InboxChange change) => true;

    protected override async Task<ConversationPage> ReadAsync(CancellationToken cancellationToken)
    {
        var (total, rows) = await conversations.PageAsync(Filter, 0, Size, cancellationToken);
        return new(total, rows);
    }
}

/// <summary>The shared heads of the views that do not depend on the viewer.</summary>
public sealed class ViewHeads : IDisposable
{
    public ViewHeads(LiveFeed feed, ConversationStore conversations, TimeProvider time, ILogger<ViewHeads> logger) =>
        All = [new ViewHead(InboxView.All, feed, conversations, time, logger), new ViewHead(InboxView.Unassigned, feed, conversations, time, logger)];

    public IReadOnlyList<ViewHead> All { get; }

    /// <summary>The head a list with this filter shows, or null when it reads its own rows.</summary>
    public ViewHead? For(ConversationFilter filter) => All.FirstOrDefault(head => filter with { UserId = 0 } == head.Filter);

    public void Dispose()
    {
        foreach (var head in All)
        {
            head.Dispose();
        }
    }
}
