using System.Text.RegularExpressions;
using Inbox.Core.Conversations;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

public sealed class LiveInboxBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Two_agents_see_a_message_arrive_live_one_replies_and_both_see_it_sent()
    {
        var camille = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var sam = await browser.SignedInPageAsync("sam@demo.inbox", InboxAppFactory.Demo.AgentPassword);

        // A signed webhook POST, over HTTP, from the sandbox playing the customer.
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-live", "Hello from Lyon, do you ship here?", "Léa Martin", CancellationToken.None);

        foreach (var page in new[] { camille, sam })
        {
            var row = page.Locator(".conversation-row", new() { HasText = "Hello from Lyon, do you ship here?" });
            await Expect(row).ToBeVisibleAsync();
            await Expect(row.Locator(".conversation-row-unread-count")).ToHaveTextAsync("1");
            await Expect(page).ToHaveTitleAsync(new Regex(@"^\(1\) "));
        }
        await BrowserFixture.SaveScreenshotAsync(camille, "live-inbox-list.png");

        await sam.Locator(".conversation-row", new() { HasText = "Hello from Lyon" }).ClickAsync();
        await camille.Locator(".conversation-row", new() { HasText = "Hello from Lyon" }).ClickAsync();
        await Expect(camille.Locator(".message-in")).ToContainTextAsync("Hello from Lyon, do you ship here?");
        await Expect(camille).Not.ToHaveTitleAsync(new Regex(@"^\(\d+\) "));

        var composer = camille.GetByLabel("Reply");
        await composer.FillAsync("Yes! Delivery to Lyon takes 2 days.");
        await composer.PressAsync("Enter");

        await Expect(composer).ToHaveValueAsync("");
        foreach (var page in new[] { camille, sam })
        {
            var reply = page.Locator(".message-out", new() { HasText = "Yes! Delivery to Lyon takes 2 days." });
            await Expect(reply).ToBeVisibleAsync();
            await Expect(reply.Locator(".message-status")).ToHaveAttributeAsync("data-status", "sent");
            await Expect(reply.Locator(".message-author")).ToHaveTextAsync("Camille Dubois");
        }
        var call = Assert.Single(browser.App.Service<SandboxGraph>().Received, c => c.RecipientId == "psid-live");
        Assert.Equal("RESPONSE", call.MessagingType);
        Assert.Equal("Yes! Delivery to Lyon takes 2 days.", call.Text);
        await Expect(camille.Locator(".thread-header")).ToContainTextAsync("Léa Martin");
        await BrowserFixture.SaveScreenshotAsync(camille, "live-inbox-thread.png");
    }

    [Fact]
    public async Task A_long_conversation_opens_on_its_latest_hundred_messages_and_shows_earlier_ones_on_request()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        for (var n = 1; n <= 130; n++)
        {
            await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-long-thread", $"Long thread line {n}", "Noor Haddad", CancellationToken.None);
        }
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await page.Locator(".conversation-row", new() { HasText = "Long thread line 130" }).ClickAsync();

        var lines = page.Locator(".message-in .message-text", new() { HasText = "Long thread line" });
        await Expect(lines).ToHaveCountAsync(100);
        await Expect(lines.First).ToHaveTextAsync("Long thread line 31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show earlier messages" }).ClickAsync();

        await Expect(lines).ToHaveCountAsync(130);
        await Expect(lines.First).ToHaveTextAsync("Long thread line 1");
        await Expect(page.GetByTestId("show-earlier")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_agent_types_slash_picks_a_saved_reply_edits_it_and_sends_it()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-saved", "How long does delivery take?", "James Carter", CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await page.Locator(".conversation-row", new() { HasText = "How long does delivery take?" }).ClickAsync();
        await Expect(page.Locator(".thread-header")).ToContainTextAsync("James Carter");
        var composer = page.GetByLabel("Reply");

        await composer.PressSequentiallyAsync("/hel");
        var picker = page.GetByRole(AriaRole.Listbox, new() { Name = "Saved replies" });
        // "hel": both greetings by shortcut, then the sign-off whose text says "help".
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveCountAsync(3);
        await Expect(picker.GetByRole(AriaRole.Option).First).ToContainTextAsync("Hi James");
        await composer.PressAsync("Enter");

        await Expect(picker).ToHaveCountAsync(0);
        await Expect(composer).ToHaveValueAsync("Hi James, thanks for writing to Maison Lumière Candles! How can I help?");
        await composer.PressAsync("End");
        await composer.PressSequentiallyAsync(" Delivery takes 2 days.");
        await composer.PressAsync("Enter");

        var reply = page.Locator(".message-out", new() { HasText = "Delivery takes 2 days." });
        await Expect(reply.Locator(".message-status")).ToHaveAttributeAsync("data-status", "sent");
        var call = Assert.Single(browser.App.Service<SandboxGraph>().Received, c => c.RecipientId == "psid-saved");
        Assert.Equal("Hi James, thanks for writing to Maison Lumière Candles! How can I help? Delivery takes 2 days.", call.Text);
    }

    [Fact]
    public async Task A_reply_the_database_refuses_is_reported_and_kept_and_goes_out_once_when_tried_again()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-refused", "Can I pay on delivery?", "Noah Petit", CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await page.Locator(".conversation-row", new() { HasText = "pay on delivery" }).ClickAsync();
        // The database refuses this reply, as a full disk or a lost connection would.
        await ExecuteAsync("CREATE TRIGGER refuse_reply BEFORE INSERT ON messages WHEN NEW.text = 'Yes, cash or card.' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        var composer = page.GetByLabel("Reply");
        try
        {
            await composer.FillAsync("Yes, cash or card.");
            await composer.PressAsync("Enter");

            await Expect(page.Locator(".composer-error")).ToHaveTextAsync("This could not be saved, so nothing was sent. Your text is still here: try again in a moment.");
            await Expect(composer).ToHaveValueAsync("Yes, cash or card.");
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER refuse_reply");
        }

        await composer.PressAsync("Enter");
        await Expect(page.Locator(".message-out", new() { HasText = "cash or card" }).Locator(".message-status")).ToHaveAttributeAsync("data-status", "sent");
        await Expect(composer).ToHaveValueAsync("");
        Assert.Single(sandbox.Received, c => c.RecipientId == "psid-refused");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await browser.App.Service<Inbox.Core.Storage.Database>().OpenAsync(CancellationToken.None);
        await Dapper.SqlMapper.ExecuteAsync(connection, sql);
    }

    [Fact]
    public async Task The_bot_answers_an_faq_and_talk_to_a_person_alerts_the_agents()
    {
        var manager = await browser.App.FindUserAsync(InboxAppFactory.Demo.ManagerEmail);
        await browser.App.Service<Inbox.Core.SavedReplies.SavedReplyStore>().CreateAsync(
            new Inbox.Core.SavedReplies.SavedReplyDraft("Gift cards", "gift-cards", "en", "Yes! Gift cards from 20 euros, sent by email.", false, FaqTriggers: ["gift card"]),
            manager!.Id, manager.Role, CancellationToken.None);
        var agent = await browser.SignedInPageAsync("sam@demo.inbox", InboxAppFactory.Demo.AgentPassword);

        var sandbox = browser.App.Service<SandboxGraph>();
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-faq", "Do you sell gift cards?", "Gift Seeker", CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(sandbox.Received.Any(c => c.RecipientId == "psid-faq")), "the bot's answer");
        var answer = Assert.Single(sandbox.Received, c => c.RecipientId == "psid-faq");
        Assert.Equal("Yes! Gift cards from 20 euros, sent by email.", answer.Text);
        Assert.Equal(["That helped", "Talk to a person"], answer.QuickReplies);

        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-faq", "Talk to a person", null, CancellationToken.None, quickReplyPayload: "Talk to a person");

        await Expect(agent.GetByText("A customer asked for a person")).ToBeVisibleAsync();
        var row = agent.Locator(".conversation-row", new() { HasText = "Gift Seeker" });
        await Expect(row.Locator(".conversation-row-person")).ToHaveTextAsync("wants a person");
        await row.ClickAsync();
        await Expect(agent.Locator(".message-out .message-author")).ToHaveTextAsync("Bot · FAQ answer");
    }

    [Fact]
    public async Task A_conversation_past_24_hours_says_so_and_sends_with_the_human_agent_tag_and_past_7_days_cannot_send()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-late-reply", "Did you get my email?", "Late Larry", CancellationToken.None);
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-old", "Hello from last month", "Old Olga", CancellationToken.None);
        await Eventually.TrueAsync(async () => (await browser.App.Service<ConversationStore>().ListAsync(0, 100, CancellationToken.None))
            .Count(c => c.Psid is "psid-late-reply" or "psid-old") == 2, "both conversations");
        await using (var connection = await browser.App.Service<Inbox.Core.Storage.Database>().OpenAsync(CancellationToken.None))
        {
            foreach (var (psid, age) in new[] { ("psid-late-reply", TimeSpan.FromHours(30)), ("psid-old", TimeSpan.FromDays(8)) })
            {
                var wrote = DateTimeOffset.UtcNow - age;
                await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE sandbox_customers SET last_message_at = @At WHERE psid = @Psid", new { At = wrote, Psid = psid });
                await Dapper.SqlMapper.ExecuteAsync(connection,
                    "UPDATE conversations SET last_customer_message_at = @At WHERE contact_id = (SELECT id FROM contacts WHERE psid = @Psid)", new { At = wrote, Psid = psid });
            }
        }
        await browser.App.Service<Inbox.Core.Pages.PageStore>().SetHumanAgentAsync(Fixture.DemoPageId, true, CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);

        await page.Locator(".conversation-row", new() { HasText = "Late Larry" }).ClickAsync();
        await Expect(page.GetByTestId("window-notice")).ToContainTextAsync("human agent tag");
        await page.GetByLabel("Reply").FillAsync("Yes, and we answered it this morning.");
        await page.GetByLabel("Reply").PressAsync("Enter");
        await Expect(page.Locator(".message-out", new() { HasText = "we answered it" }).Locator(".message-status")).ToHaveAttributeAsync("data-status", "sent");
        var call = Assert.Single(sandbox.Received, c => c.RecipientId == "psid-late-reply");
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT"), (call.MessagingType, call.Tag));

        await page.Locator(".conversation-row", new() { HasText = "Old Olga" }).ClickAsync();
        await Expect(page.GetByTestId("window-notice")).ToContainTextAsync("more than 7 days ago");
        await page.GetByLabel("Reply").FillAsync("Hello?");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Shift_enter_makes_a_new_line_and_the_limit_is_shown()
    {
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-lines", "Two questions", null, CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.ManagerEmail, InboxAppFactory.Demo.ManagerPassword);
        await page.Locator(".conversation-row", new() { HasText = "Two questions" }).ClickAsync();
        var composer = page.GetByLabel("Reply");

        await composer.PressSequentiallyAsync("First line");
        await composer.PressAsync("Shift+Enter");
        await composer.PressSequentiallyAsync("Second line");

        await Expect(composer).ToHaveValueAsync("First line\nSecond line");
        await Expect(page.Locator(".composer-count")).ToHaveTextAsync("22 / 2000");
        Assert.DoesNotContain(browser.App.Service<SandboxGraph>().Received, c => c.RecipientId == "psid-lines");
    }

    [Fact]
    public async Task A_half_written_reply_survives_a_reload_stays_with_its_conversation_and_goes_once_sent()
    {
        var graph = browser.App.Service<SandboxGraph>();
        await graph.CustomerWritesAsync(Fixture.DemoPageId, "psid-draft", "Is the gift wrap free?", null, CancellationToken.None);
        await graph.CustomerWritesAsync(Fixture.DemoPageId, "psid-draft-other", "Do you deliver on Sundays?", null, CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await page.Locator(".conversation-row", new() { HasText = "gift wrap" }).ClickAsync();
        await page.GetByLabel("Reply").PressSequentiallyAsync("Yes, it is free for orders over");
        var drafts = browser.App.Service<Inbox.Core.Conversations.DraftStore>();
        var agent = await browser.App.FindUserAsync(InboxAppFactory.Demo.AgentEmail);
        var conversationId = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(async () => (await drafts.GetAsync(agent!.Id, conversationId, CancellationToken.None))?.Text == "Yes, it is free for orders over", "the draft kept");

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Reply")).ToHaveValueAsync("Yes, it is free for orders over");
        await page.Locator(".conversation-row", new() { HasText = "Sundays" }).ClickAsync();
        await Expect(page.GetByLabel("Reply")).ToHaveValueAsync("");
        await page.Locator(".conversation-row", new() { HasText = "gift wrap" }).ClickAsync();
        await Expect(page.GetByLabel("Reply")).ToHaveValueAsync("Yes, it is free for orders over");

        await page.GetByLabel("Reply").PressSequentiallyAsync(" 50 euros.");
        await page.GetByLabel("Reply").PressAsync("Enter");
        await Eventually.TrueAsync(() => Task.FromResult(graph.Received.Count(c => c.RecipientId == "psid-draft" && c.MessageId is not null) == 1), "the reply sent");
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Reply")).ToHaveValueAsync("");
        Assert.Null(await drafts.GetAsync(agent!.Id, conversationId, CancellationToken.None));
    }
}
