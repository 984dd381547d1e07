using Inbox.Core.Pages;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

/// <summary>Settings > Pages > Connect with Facebook, through the sandbox's stand-in for Facebook's dialog, over real HTTP.</summary>
public sealed class FacebookLoginBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string LyonPageId = "104857600000002";
    private const string AtelierPageId = "104857600000003";

    [Fact]
    public async Task An_admin_picks_two_pages_in_facebooks_dialog_and_inbox_connects_and_subscribes_both()
    {
        var admin = await OpenDialogAsync();
        await admin.GetByLabel("Atelier Cire & Mèche").UncheckAsync();
        await ContinueAsync(admin);

        // Back in Inbox: the Pages the dialog granted, the new one ticked, the one already connected not.
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Connect Pages with Facebook" })).ToBeVisibleAsync();
        await Expect(admin.GetByText("Atelier Cire & Mèche")).ToHaveCountAsync(0);
        await Expect(admin.GetByText("Already connected")).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Checkbox, new() { Name = "Connect Maison Lumière Lyon" })).ToBeCheckedAsync();
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Connect Maison Lumière Candles" }).CheckAsync();
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Connect 2 Pages" })).ToBeEnabledAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Connect 2 Pages" }).ClickAsync();

        var results = admin.GetByTestId("connect-results");
        await Expect(results).ToContainTextAsync("Maison Lumière Lyon: connected; its messages and comments now come to Inbox.");
        await Expect(results).ToContainTextAsync("Maison Lumière Candles: connected; its messages and comments now come to Inbox.");
        // Checked at the sandbox: both subscribed with every field Inbox applies; the Page not picked is not.
        var subscriptions = browser.App.Service<SandboxLogin>().Subscriptions;
        Assert.Equal(FacebookLogin.WebhookFields, subscriptions[LyonPageId]);
        Assert.Equal(FacebookLogin.WebhookFields, subscriptions[Fixture.DemoPageId]);
        Assert.False(subscriptions.ContainsKey(AtelierPageId));
        // The new Page's token is stored, and it is the one the Page's Send API accepts.
        Assert.StartsWith("sandbox-page-", await browser.App.Service<PageStore>().AccessTokenAsync(LyonPageId, CancellationToken.None), StringComparison.Ordinal);

        // The last 30 days of the new Page's history come in, with a live progress bar, then a count of what came.
        var lyonHistory = results.Locator(".mud-list-item", new() { HasText = "Maison Lumière Lyon" }).GetByTestId("page-history");
        await Expect(lyonHistory.GetByTestId("history-progress")).ToBeVisibleAsync();
        await Expect(lyonHistory).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        var imported = await browser.App.Service<Inbox.Core.History.HistoryImportStore>().GetAsync(LyonPageId, CancellationToken.None);
        Assert.True(imported!.MessagesImported > 10, $"{imported.MessagesImported} messages imported");
        await Expect(lyonHistory).ToContainTextAsync($"{imported.MessagesImported} messages, {imported.CommentsImported} comments brought in");
        // A reload shows what was done again (the tokens themselves are gone from memory).
        await admin.ReloadAsync();
        await Expect(admin.Locator(".inbox-shell[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("connect-results")).ToContainTextAsync("Maison Lumière Lyon: connected");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to Settings" }).ClickAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Pages" }).ClickAsync();
        var lyon = admin.Locator(".mud-table-row", new() { HasText = "Maison Lumière Lyon" });
        await Expect(lyon).ToContainTextAsync("Subscribed");
        await Expect(lyon.GetByTestId("history-done")).ToContainTextAsync("The last 30 days imported");
        await Expect(admin.Locator("body")).Not.ToContainTextAsync("sandbox-page-");
    }

    [Fact]
    public async Task A_refused_permission_is_named_with_what_it_turns_off_and_a_cancelled_dialog_connects_nothing()
    {
        var admin = await OpenDialogAsync();
        await admin.GetByLabel("pages_manage_engagement").UncheckAsync();
        await ContinueAsync(admin);
        await Expect(admin.GetByTestId("declined-permission")).ToContainTextAsync("Without pages_manage_engagement, replying to, hiding and liking comments is off.");
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Connect Maison Lumière Lyon" }).UncheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Connect 1 Page" }).ClickAsync();
        await Expect(admin.GetByTestId("connect-results")).ToContainTextAsync("Atelier Cire & Mèche: connected");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to Settings" }).ClickAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Pages" }).ClickAsync();
        await Expect(admin.Locator(".mud-table-row", new() { HasText = "Atelier Cire & Mèche" }).GetByTestId("page-declined-permission"))
            .ToContainTextAsync("replying to, hiding and liking comments is off");
        // And the comments view says so before anyone tries to answer.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Comments" }).ClickAsync();
        await Expect(admin.GetByTestId("comments-off")).ToContainTextAsync("Atelier Cire & Mèche: Without pages_manage_engagement, replying to, hiding and liking comments is off.");

        var pagesBefore = (await browser.App.Service<PageStore>().ListAsync(CancellationToken.None)).Count;
        await admin.GotoAsync(browser.BaseUrl + "/settings");
        await Expect(admin.Locator(".inbox-shell[data-interactive=true]")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Pages" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Connect with Facebook" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(admin.GetByTestId("connect-failure")).ToContainTextAsync("The Facebook dialog was cancelled, so Inbox got no access. Nothing was connected.");
        Assert.Equal(pagesBefore, (await browser.App.Service<PageStore>().ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task An_answer_with_another_state_than_this_browsers_is_refused_before_any_code_is_exchanged()
    {
        var admin = await OpenDialogAsync();
        // A forged way back: a code from elsewhere and a state this browser never sent.
        await admin.GotoAsync(browser.BaseUrl + "/settings/pages/facebook/callback?code=sandbox-code-forged&state=forged");

        await Expect(admin.GetByTestId("connect-failure")).ToContainTextAsync("did not match the connection started from this browser");
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Connect with Facebook again" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Disconnecting_a_page_ends_its_subscription_and_forgets_its_token_but_keeps_its_conversations()
    {
        var admin = await OpenDialogAsync();
        await ContinueAsync(admin);
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Connect Atelier Cire & Mèche" }).UncheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Connect 1 Page" }).ClickAsync();
        await Expect(admin.GetByTestId("connect-results")).ToContainTextAsync("Maison Lumière Lyon: connected");
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(LyonPageId, "7100000000009001", "Bonjour Lyon", "Léon", CancellationToken.None);
        var conversations = browser.App.Service<Inbox.Core.Conversations.ConversationStore>();
        await Eventually.TrueAsync(async () => (await conversations.ListAsync(0, 100, CancellationToken.None)).Any(c => c.PageId == LyonPageId), "Lyon's conversation");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to Settings" }).ClickAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Pages" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Disconnect Maison Lumière Lyon" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Disconnect", Exact = true }).ClickAsync();

        await Expect(admin.GetByText("Maison Lumière Lyon is disconnected; its conversations stay in Inbox.")).ToBeVisibleAsync();
        Assert.False(browser.App.Service<SandboxLogin>().Subscriptions.ContainsKey(LyonPageId));
        Assert.Null(await browser.App.Service<PageStore>().AccessTokenAsync(LyonPageId, CancellationToken.None));
        Assert.Contains(await conversations.ListAsync(0, 100, CancellationToken.None), c => c.PageId == LyonPageId);
        await Expect(admin.Locator(".mud-table-row", new() { HasText = "Maison Lumière Lyon" })).ToContainTextAsync("None: messages cannot be sent");
    }

    [Fact]
    public async Task Only_admins_can_start_a_connection()
    {
        var agent = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await agent.GotoAsync(browser.BaseUrl + "/settings/pages/facebook");

        Assert.DoesNotContain("/sandbox/facebook/dialog", agent.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await agent.Context.CookiesAsync(), cookie => cookie.Name == "Inbox.FacebookState");
    }

    // Continue in the dialog, then wait for Inbox's page to be interactive: a click on the prerendered page is lost.
    private static async Task ContinueAsync(IPage admin)
    {
        await admin.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(admin.Locator(".inbox-shell[data-interactive=true]")).ToBeVisibleAsync();
    }

    // Settings > Pages > Connect with Facebook, as far as the sandbox's consent page.
    private async Task<IPage> OpenDialogAsync()
    {
        var admin = await browser.SignedInPageAsync(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Pages" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Connect with Facebook" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Connect to Inbox" })).ToBeVisibleAsync();
        return admin;
    }
}
