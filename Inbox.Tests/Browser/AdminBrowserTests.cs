using Inbox.Core.Meta;
using Inbox.Tests.Support;
using Inbox.Web.Startup;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

public sealed class AdminBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_delivery_for_an_unconnected_page_is_listed_and_applied_once_the_admin_connects_the_page()
    {
        var body = Fixture.Bytes("unknown-page.json");
        using (var content = new ByteArrayContent(body))
        {
            content.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret));
            using var http = new HttpClient();
            (await http.PostAsync(browser.BaseUrl + "/webhooks/meta", content)).EnsureSuccessStatusCode();
        }
        await Eventually.TrueAsync(
            async () => await browser.App.Service<Inbox.Core.Ingestion.WebhookDeliveryStore>().CountAsync(Inbox.Core.Ingestion.DeliveryStatus.Unconnected, CancellationToken.None) == 1,
            "the delivery to be held back");
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Deliveries" }).ClickAsync();
        await Expect(page.GetByText("Page not connected")).ToBeVisibleAsync();
        await Expect(page.GetByText("Page 999999999999999 is not connected")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Pages" }).ClickAsync();
        await page.GetByLabel("Page id").FillAsync("999999999999999");
        await page.GetByLabel("Page name").FillAsync("Second Shop");
        await page.GetByLabel("Page access token").FillAsync("a-page-token-for-tests");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect Page" }).ClickAsync();
        await Expect(page.GetByText("1 held-back deliveries are being applied")).ToBeVisibleAsync();
        await Expect(page.GetByText("a-page-token-for-tests")).ToHaveCountAsync(0);
        // The change is in the audit log, in words, with who made it, and without the token.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit" }).ClickAsync();
        var audit = page.GetByTestId("audit-log");
        await Expect(audit).ToContainTextAsync("Connected the Page Second Shop (999999999999999), time zone");
        await Expect(audit).ToContainTextAsync("Alex Admin");
        await Expect(audit).Not.ToContainTextAsync("a-page-token-for-tests");

        await page.Locator(".inbox-rail-link", new() { HasText = "Inbox" }).ClickAsync();
        await Expect(page.Locator(".conversation-row", new() { HasText = "Hello other page" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_manager_writes_a_team_reply_with_a_live_preview_and_an_agent_sees_it_without_edit_buttons()
    {
        var manager = await browser.SignedInPageAsync(InboxAppFactory.Demo.ManagerEmail, InboxAppFactory.Demo.ManagerPassword);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Saved replies" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "New saved reply" }).ClickAsync();

        await manager.GetByLabel("Title", new() { Exact = true }).FillAsync("Opening hours");
        await manager.GetByLabel("Shortcut").FillAsync("hours");
        await manager.GetByLabel("Text", new() { Exact = true }).FillAsync("Hi {first_name}, we open at 10. {order}");
        await Expect(manager.Locator(".saved-reply-preview")).ToContainTextAsync("Hi Léa, we open at 10. {order}");
        await Expect(manager.GetByText("Not a variable: {order}")).ToBeVisibleAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        var saved = manager.Locator(".saved-reply", new() { HasText = "/hours" });
        await Expect(saved).ToContainTextAsync("never used");

        var agent = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await agent.GetByRole(AriaRole.Link, new() { Name = "Saved replies" }).ClickAsync();
        var seen = agent.Locator(".saved-reply", new() { HasText = "/hours" });
        await Expect(seen).ToBeVisibleAsync();
        await Expect(seen.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Switched_to_away_a_customer_gets_the_away_message_marked_as_automated_and_agents_see_away()
    {
        var admin = await browser.SignedInPageAsync(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Automation" }).ClickAsync();
        await admin.GetByLabel("Away message").FillAsync("We're away for a moment; back {back_at}.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save automation" }).ClickAsync();
        await Expect(admin.GetByText("Automation saved.")).ToBeVisibleAsync();

        await admin.GetByTestId("availability").ClickAsync();
        await admin.GetByRole(AriaRole.Menuitem, new() { Name = "Away", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("availability")).ToHaveTextAsync("Away");

        await browser.App.Service<Inbox.Web.Sandbox.SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-away", "Anyone there?", "Night Owl", CancellationToken.None);

        var agent = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await Expect(agent.GetByTestId("availability")).ToHaveTextAsync("Away");
        await agent.Locator(".conversation-row", new() { HasText = "Night Owl" }).ClickAsync();
        var automated = agent.Locator(".message-out", new() { HasText = "We're away for a moment; back as soon as we can." });
        await Expect(automated.Locator(".message-author")).ToHaveTextAsync("Automated · away message");
        await Expect(automated.Locator(".message-status")).ToHaveAttributeAsync("data-status", "sent");
    }
}
