using Inbox.Core.Pages;

namespace Inbox.Core.Nodes;

/// <summary>Automation or moderation saved on one node: every node reads the Page's settings afresh.</summary>
public sealed class PageSettingsRelay(PageSettingsChanges changes, NodeBus bus) : BusRelay<PageSettingsChange>(bus, "page-settings")
{
    protected override IDisposable SubscribeLocal(Action<PageSettingsChange> forward)
    {
        changes.Changed += forward;
        return new Unsubscribe(() => changes.Changed -= forward);
    }

    protected override void RaiseFromOtherNode(PageSettingsChange notice) => changes.Publish(notice with { FromOtherNode = true });

    protected override bool IsFromOtherNode(PageSettingsChange notice) => notice.FromOtherNode;
}
