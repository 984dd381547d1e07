using Inbox.Core.Live;

namespace Inbox.Core.Nodes;

/// <summary>
/// Makes the <see cref="LiveFeed"/> span every node: every open tab, on any node, sees every committed change. When
/// this node's link to Redis comes back, the changes the others made meanwhile were never heard here: a
/// <see cref="InboxChangeKind.Resynced"/> change makes every screen on this node read what it shows again.
/// </summary>
public sealed class ChangeRelay(LiveFeed feed, NodeBus bus) : BusRelay<InboxChange>(bus, "changes")
{
    private readonly NodeBus _bus = bus;

    protected override IDisposable SubscribeLocal(Action<InboxChange> forward)
    {
        var local = feed.Subscribe(forward);
        var heardAgain = _bus.OnHeardAgain(() => RaiseFromOtherNode(new InboxChange(0, InboxChangeKind.Resynced)));
        return new Unsubscribe(() =>
        {
            local.Dispose();
            heardAgain.Dispose();
        });
    }

    protected override void RaiseFromOtherNode(InboxChange notice) => feed.Publish(notice with { FromOtherNode = true });

    protected override bool IsFromOtherNode(InboxChange notice) => notice.FromOtherNode;
}
