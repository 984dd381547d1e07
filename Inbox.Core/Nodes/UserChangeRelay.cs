using Inbox.Core.Users;

namespace Inbox.Core.Nodes;

/// <summary>
/// A password, role or token changed on one node: every node forgets what it cached about that user's sessions and
/// re-checks their open connections at once.
/// </summary>
public sealed class UserChangeRelay(UserChanges changes, NodeBus bus) : BusRelay<UserChange>(bus, "users")
{
    protected override IDisposable SubscribeLocal(Action<UserChange> forward)
    {
        changes.Changed += forward;
        return new Unsubscribe(() => changes.Changed -= forward);
    }

    protected override void RaiseFromOtherNode(UserChange notice) => changes.Publish(notice with { FromOtherNode = true });

    protected override bool IsFromOtherNode(UserChange notice) => notice.FromOtherNode;
}
