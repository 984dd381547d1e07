using Inbox.Core.Live;

namespace Inbox.Core.Nodes;

/// <summary>
/// Makes the <see cref="LiveFeed"/> span every node: every open tab, on any node, sees every committed change.
/// </summary>
public sealed class ChangeRelay(LiveFeed feed, NodeBus bus) : BusRelay<InboxChange>(bus, "changes")
{
    protected override IDisposable SubscribeLocal(Action<InboxChange> forward) => feed.Subscribe(forward);

    protected override void RaiseFromOtherNode(InboxChange notice) => feed.Publish(notice with { FromOtherNode = true });

    protected override bool IsFromOtherNode(InboxChange notice) => notice.FromOtherNode;
}
