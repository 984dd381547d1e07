using Inbox.Core.Pages;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>The Pages whose token Meta refused: every admin's tab shows a banner for each.</summary>
public sealed class DisconnectedPages(LiveFeed feed, PageStore pages, ILogger<DisconnectedPages> logger)
    : SharedReading<IReadOnlyList<FacebookPage>>(feed, logger)
{
    // A failed send is what disconnects a Page, so a message update is the moment to look again.
    protected override bool Concerns(InboxChange change) => change.Kind is InboxChangeKind.MessageUpdated or InboxChangeKind.Resynced;

    protected override async Task<IReadOnlyList<FacebookPage>> ReadAsync(CancellationToken cancellationToken) =>
        [.. (await pages.ListAsync(cancellationToken)).Where(p => p.DisconnectedAt is not null)];

    protected override bool Differs(IReadOnlyList<FacebookPage>? shown, IReadOnlyList<FacebookPage> read) =>
        shown is null || !shown.Select(p => (p.Id, p.Name)).SequenceEqual(read.Select(p => (p.Id, p.Name)));
}
