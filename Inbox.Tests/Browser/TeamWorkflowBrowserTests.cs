using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

public sealed class TeamWorkflowBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task One_agent_assigns_a_conversation_and_the_other_sees_it_move_into_mine_live()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-assign", "Can someone check my order ML-2001?", "Elsa Marchand", CancellationToken.None);
        var camille = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var sam = await browser.SignedInPageAsync("sam@demo.inbox", InboxAppFactory.Demo.AgentPassword);
        await sam.Locator(".inbox-view[data-view=Mine]").ClickAsync();
        await Expect(sam.Locator(".conversation-row", new() { HasText = "ML-2001" })).ToHaveCountAsync(0);
        var samsCount = sam.Locator(".inbox-view[data-view=Mine] .inbox-view-count");
        var before = int.Parse(await samsCount.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await camille.Locator(".conversation-row", new() { HasText = "ML-2001" }).ClickAsync();
        await camille.GetByTestId("assignee").ClickAsync();
        await camille.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Sam" }).ClickAsync();

        await Expect(sam.Locator(".conversation-row", new() { HasText = "ML-2001" })).ToBeVisibleAsync();
        await Expect(samsCount).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(camille.Locator(".thread-event[data-kind=assigned]")).ToContainTextAsync("Camille Dubois assigned the conversation to Sam");
        await BrowserFixture.SaveScreenshotAsync(camille, "team-workflow.png");

        await sam.Locator(".conversation-row", new() { HasText = "ML-2001" }).ClickAsync();
        await sam.GetByTestId("thread-workflow").GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(sam.Locator(".mud-snackbar", new() { HasText = "find it under Done" })).ToBeVisibleAsync();
        await Expect(sam.Locator(".conversation-row", new() { HasText = "ML-2001" })).ToHaveCountAsync(0);
        await Expect(camille.Locator(".thread-status")).ToHaveTextAsync("Done");
    }

    [Fact]
    public async Task A_snoozed_conversation_leaves_the_inbox_and_is_found_again_in_snoozed_with_when_it_wakes()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-snooze", "Call me back next week about ML-3003", "Nora Petit", CancellationToken.None);
        var camille = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var row = camille.Locator(".conversation-row", new() { HasText = "ML-3003" });

        await row.ClickAsync();
        await camille.GetByTestId("thread-workflow").GetByRole(AriaRole.Button, new() { Name = "Snooze", Exact = true }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await Expect(camille.Locator(".mud-snackbar", new() { HasText = "find it under Snoozed" })).ToBeVisibleAsync();
        await camille.Locator(".inbox-view[data-view=Snoozed]").ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("row-wakes")).ToContainTextAsync("wakes");
    }

    [Fact]
    public async Task A_note_mentions_a_teammate_who_sees_it_in_mentions_and_the_customer_never_gets_it()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-note", "I want 40 candles for a wedding", "Iris Blanc", CancellationToken.None);
        var camille = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var sam = await browser.SignedInPageAsync("sam@demo.inbox", InboxAppFactory.Demo.AgentPassword);
        var mentions = sam.Locator(".inbox-view[data-view=Mentions] .inbox-view-count");
        await Expect(mentions).ToHaveTextAsync("0");

        await camille.Locator(".conversation-row", new() { HasText = "40 candles" }).ClickAsync();
        await camille.GetByRole(AriaRole.Tab, new() { Name = "Internal note" }).ClickAsync();
        // "@" offers the teammates; Enter writes the chosen one's full name.
        await camille.GetByLabel("Internal note").PressSequentiallyAsync("@sa");
        await Expect(camille.GetByTestId("mention-picker")).ToContainTextAsync("Sam Taylor");
        await camille.GetByLabel("Internal note").PressAsync("Enter");
        await Expect(camille.GetByLabel("Internal note")).ToHaveValueAsync("@Sam Taylor ");
        await camille.GetByLabel("Internal note").PressSequentiallyAsync("you did the last wedding order, can you quote?");
        await camille.GetByLabel("Internal note").PressAsync("Enter");

        await Expect(camille.GetByTestId("note")).ToContainTextAsync("you did the last wedding order");
        await Expect(camille.GetByTestId("note").Locator("mark.mention")).ToHaveTextAsync("@Sam Taylor");
        await Expect(mentions).ToHaveTextAsync("1");
        await sam.Locator(".inbox-view[data-view=Mentions]").ClickAsync();
        await sam.Locator(".conversation-row", new() { HasText = "40 candles" }).ClickAsync();
        await Expect(sam.GetByTestId("note")).ToContainTextAsync("Camille Dubois");
        await Expect(mentions).ToHaveTextAsync("0");
        Assert.DoesNotContain(browser.App.Service<SandboxGraph>().Received, c => c.RecipientId == "psid-note");
    }

    [Fact]
    public async Task Search_finds_a_message_marks_the_words_and_opens_its_conversation()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-search", "Do you sell <b>beeswax</b> wraps?", "Rémi Faure", CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);

        await page.GetByTestId("search").FillAsync("beesw");

        var hit = page.Locator(".search-hit", new() { HasText = "Rémi Faure" });
        await Expect(hit.Locator("mark")).ToHaveTextAsync("beeswax");
        // The customer's markup stays text.
        await Expect(hit.Locator(".search-hit-snippet")).ToContainTextAsync("<b>");
        await hit.ClickAsync();
        await Expect(page.Locator(".thread-header")).ToContainTextAsync("Rémi Faure");
        await page.GetByTestId("search").FillAsync("zzzz nothing");
        await Expect(page.GetByTestId("search-results")).ToContainTextAsync("Nothing found");
    }

    [Fact]
    public async Task Agents_see_each_other_in_a_conversation_see_typing_and_are_warned_before_answering_twice()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-collide", "Is the shop open on Sunday?", "Paul Girard", CancellationToken.None);
        var camille = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var sam = await browser.SignedInPageAsync("sam@demo.inbox", InboxAppFactory.Demo.AgentPassword);
        await camille.Locator(".conversation-row", new() { HasText = "open on Sunday" }).ClickAsync();
        await sam.Locator(".conversation-row", new() { HasText = "open on Sunday" }).ClickAsync();

        await Expect(camille.GetByTestId("viewers")).ToHaveAttributeAsync("title", "Also here: Sam Taylor");
        await Expect(camille.GetByTestId("online")).ToContainTextAsync("ST");
        await camille.GetByLabel("Reply").PressSequentiallyAsync("Yes, from 10");
        await Expect(sam.GetByTestId("teammate-typing")).ToHaveTextAsync("Camille Dubois is typing a reply…");

        await sam.GetByLabel("Reply").FillAsync("Yes! 10:00 to 17:00.");
        await sam.GetByLabel("Reply").PressAsync("Enter");
        await Expect(camille.Locator(".message-out", new() { HasText = "10:00 to 17:00" })).ToBeVisibleAsync();
        await camille.GetByLabel("Reply").PressAsync("Enter");

        await Expect(camille.GetByTestId("collision")).ToHaveTextAsync("Sam Taylor replied while you were typing. Read it first; send again to send yours anyway.");
        await Expect(camille.Locator(".message-out")).ToHaveCountAsync(1);
        await camille.GetByLabel("Reply").PressAsync("Enter");
        await Expect(camille.Locator(".message-out")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task The_keyboard_moves_through_conversations_closes_one_assigns_and_shows_its_help()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-keys-1", "Keyboard one", "Kim One", CancellationToken.None);
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-keys-2", "Keyboard two", "Kim Two", CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var rows = page.Locator(".conversation-row[data-conversation-id]");
        await Expect(rows.Filter(new() { HasText = "Keyboard one" })).ToBeVisibleAsync();
        await rows.Nth(0).ClickAsync();
        await Expect(rows.Nth(0)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("conversation-row-selected"));
        var second = (await rows.Nth(1).Locator(".conversation-row-name").TextContentAsync())!;
        await page.Locator(".thread-messages").ClickAsync();

        await page.Keyboard.PressAsync("j");
        await Expect(page.Locator(".thread-header")).ToContainTextAsync(second);
        await Expect(rows.Nth(1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("conversation-row-selected"));
        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator(".thread-event[data-kind=assigned]").Last).ToContainTextAsync("Camille Dubois took the conversation");
        await page.Keyboard.PressAsync("e");
        await Expect(page.Locator(".thread-status")).ToHaveTextAsync("Done");
        await page.Keyboard.PressAsync("r");
        await Expect(page.GetByLabel("Reply", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByTestId("shortcut-help")).ToContainTextAsync("Next / previous conversation");
    }

    [Fact]
    public async Task Desktop_notifications_tell_an_agent_about_a_mention_and_a_conversation_assigned_to_them()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-notify", "Where is my parcel?", "Axel Morin", CancellationToken.None);
        var camille = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var sam = await browser.SignedInPageAsync("sam@demo.inbox", InboxAppFactory.Demo.AgentPassword);
        // The browser's notifications, recorded instead of shown.
        await sam.EvaluateAsync("""
            () => {
                window.shown = [];
                window.Notification = class { constructor(title, options) { window.shown.push(title + ': ' + options.body); } };
                window.Notification.permission = 'granted';
                window.Notification.requestPermission = () => Promise.resolve('granted');
            }
            """);
        await sam.GetByTestId("notifications-toggle").ClickAsync();
        await Expect(sam.GetByTestId("notifications-toggle")).ToHaveAttributeAsync("aria-pressed", "true");

        await camille.Locator(".conversation-row", new() { HasText = "Where is my parcel?" }).ClickAsync();
        await camille.GetByRole(AriaRole.Tab, new() { Name = "Internal note" }).ClickAsync();
        await camille.GetByLabel("Internal note").FillAsync("@Sam this one is yours");
        await camille.GetByLabel("Internal note").PressAsync("Enter");
        await camille.GetByTestId("assignee").ClickAsync();
        await camille.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Sam" }).ClickAsync();

        await Eventually.TrueAsync(async () => (await sam.EvaluateAsync<string[]>("() => window.shown")).Length == 2, "two notifications");
        var shown = await sam.EvaluateAsync<string[]>("() => window.shown");
        Assert.Equal(["You were mentioned: In the conversation with Axel Morin", "Assigned to you: Axel Morin: Where is my parcel?"], shown);
    }

    [Fact]
    public async Task A_bell_the_browser_blocks_says_why_and_what_to_do()
    {
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await page.EvaluateAsync("""
            () => {
                window.Notification = class { };
                window.Notification.permission = 'denied';
                window.Notification.requestPermission = () => Promise.resolve('denied');
            }
            """);

        await page.GetByTestId("notifications-toggle").ClickAsync();

        await Expect(page.Locator(".mud-snackbar", new() { HasText = "blocks notifications" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("notifications-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
    }
}
