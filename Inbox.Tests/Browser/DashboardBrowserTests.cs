using Inbox.Core.Conversations;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_new_message_joins_the_at_risk_list_live_and_leaves_it_when_an_agent_answers()
    {
        var manager = await browser.SignedInPageAsync(InboxAppFactory.Demo.ManagerEmail, InboxAppFactory.Demo.ManagerPassword, width: 1400, height: 1000);
        // Through the menu: the circuit stays up, so the first click is not lost to a reconnect.
        await manager.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        var atRisk = manager.GetByTestId("at-risk");
        await Expect(atRisk).ToBeVisibleAsync();

        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-at-risk", "Is my parcel lost?", "Inès Moreau", CancellationToken.None);

        var item = atRisk.Locator(".at-risk-item", new() { HasText = "Inès Moreau" });
        await Expect(item).ToBeVisibleAsync();
        await Expect(item.Locator(".at-risk-countdown")).ToContainTextAsync("left");
        await BrowserFixture.SaveScreenshotAsync(manager, "dashboard.png");

        var conversation = (await browser.App.Service<ConversationStore>().ListAsync(0, 50, CancellationToken.None)).Single(c => c.Psid == "psid-at-risk");
        await browser.App.MessageWhenAsync(await browser.App.AgentRepliesAsync(conversation.Id, "Not lost: it arrives tomorrow."), MessageStatus.Sent);

        await Expect(item).ToHaveCountAsync(0);
        var badge = manager.GetByTestId("badge-card").First;
        await Expect(badge).ToContainTextAsync("Very responsive");
        await Expect(badge).ToContainTextAsync("100%");
    }

    [Fact]
    public async Task A_bar_of_the_chart_drills_down_to_the_conversations_behind_it()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-drill", "Do you have gift cards?", "Hugo Lefèvre", CancellationToken.None);
        var manager = await browser.SignedInPageAsync(InboxAppFactory.Demo.ManagerEmail, InboxAppFactory.Demo.ManagerPassword, width: 1440, height: 900);
        // Through the menu: the circuit stays up, so the first click is not lost to a reconnect.
        await manager.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();

        await manager.Locator(".heatmap-cell:not([disabled])").First.ClickAsync();

        var drill = manager.GetByTestId("drill-down");
        await Expect(drill).ToContainTextAsync("Hugo Lefèvre");
        await Expect(drill.Locator("h2")).ToBeInViewportAsync();
        await drill.GetByRole(AriaRole.Link, new() { Name = "Hugo Lefèvre" }).ClickAsync();
        await Expect(manager.Locator(".thread-header")).ToContainTextAsync("Hugo Lefèvre");
    }
}
