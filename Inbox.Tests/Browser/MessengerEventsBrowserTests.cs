using Inbox.Core.Meta;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

public sealed class MessengerEventsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_a_wide_screen_the_contact_panel_starts_open_beside_the_thread_until_it_is_closed()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-wide-1", "Do you make unscented candles?", "Iris Moreau", CancellationToken.None);
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-wide-2", "Can I pick up in store?", "Hugo Lambert", CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword, 1440, 900);

        await page.Locator(".conversation-row", new() { HasText = "Do you make unscented candles?" }).ClickAsync();
        await Expect(page.GetByTestId("contact-panel")).ToContainTextAsync("Iris Moreau");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Contact details", Exact = true });
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");

        await toggle.ClickAsync();
        await Expect(page.GetByTestId("contact-panel")).ToHaveCountAsync(0);
        await page.Locator(".conversation-row", new() { HasText = "Can I pick up in store?" }).ClickAsync();

        await Expect(page.Locator(".thread-header")).ToContainTextAsync("Hugo Lambert");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.GetByTestId("contact-panel")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_conversation_from_an_ad_shows_its_ad_card_and_the_inbox_filters_by_origin()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        var ad = new Referral("ADS", "OPEN_THREAD", "winter-sale", "6100000000000009", "Winter candles -20%", "https://scontent.example/ad.jpg", null, null, null);
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-from-ad", "Is the winter sale still on?", "Nora Petit", CancellationToken.None, fromAd: ad);
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-direct", "Do you sell wicks?", "Paul Henry", CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await Expect(page.Locator(".conversation-row", new() { HasText = "Do you sell wicks?" })).ToBeVisibleAsync();

        await page.GetByTestId("filters-toggle").ClickAsync();
        await page.GetByTestId("origin-filter").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "From ads" }).ClickAsync();

        await Expect(page.Locator(".conversation-row", new() { HasText = "Do you sell wicks?" })).ToHaveCountAsync(0);
        var row = page.Locator(".conversation-row", new() { HasText = "Is the winter sale still on?" });
        await Expect(row.Locator(".conversation-row-origin")).ToHaveAttributeAsync("title", "Came from an ad");
        await row.ClickAsync();
        var origin = page.GetByTestId("thread-origin");
        await Expect(origin).ToContainTextAsync("From an ad");
        await Expect(origin).ToContainTextAsync("Winter candles -20%");
        await Expect(origin.Locator("img.referral-photo")).ToHaveAttributeAsync("src", "https://scontent.example/ad.jpg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contact details" }).ClickAsync();
        await Expect(page.GetByTestId("contact-panel")).ToContainTextAsync("Winter candles -20%");
        await BrowserFixture.SaveScreenshotAsync(page, "ad-referral.png");
        // Opening the conversation told Messenger the Page saw it.
        await Eventually.TrueAsync(() => Task.FromResult(sandbox.SenderActionsReceived.Any(c => c.RecipientId == "psid-from-ad" && c.SenderAction == "mark_seen")), "mark_seen");
    }

    [Fact]
    public async Task Quotes_button_presses_reactions_and_edits_show_in_the_thread()
    {
        foreach (var fixture in new[] { "reply-to.json", "postback.json", "reaction-react.json", "message-edit.json" })
        {
            await browser.App.PostSignedWebhookAsync(Fixture.Bytes(fixture));
        }
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);

        await page.Locator(".conversation-row", new() { HasText = "The 320 g one please" }).ClickAsync();
        await Expect(page.GetByTestId("quote")).ToContainTextAsync("We have three sizes");
        await Expect(page.Locator(".message-out .message-author")).ToHaveTextAsync("Page · sent from Meta's Page Inbox");

        await page.Locator(".conversation-row", new() { HasText = "Opening hours" }).ClickAsync();
        await Expect(page.GetByTestId("postback").First).ToContainTextAsync("Pressed “Get Started”");
        await Expect(page.GetByTestId("thread-origin")).ToContainTextAsync("ref winter-sale");

        await page.Locator(".conversation-row", new() { HasText = "Thanks, got it" }).ClickAsync();
        await Expect(page.GetByTestId("reaction")).ToHaveTextAsync("\u2764\ufe0f");

        await page.Locator(".conversation-row", new() { HasText = "Saturday morning?" }).ClickAsync();
        var edited = page.Locator(".message-in", new() { HasText = "Saturday morning?" });
        await edited.GetByRole(AriaRole.Button, new() { Name = "edited" }).ClickAsync();
        await Expect(edited.Locator(".message-history")).ToContainTextAsync("Satruday");
    }

    [Fact]
    public async Task A_refused_reply_says_why_in_plain_words_and_can_be_tried_again()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-unavailable", "Can you call me back?", "Marc Roux", CancellationToken.None);
        sandbox.FailNextSends(1, 551);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await page.Locator(".conversation-row", new() { HasText = "Can you call me back?" }).ClickAsync();

        await page.GetByLabel("Reply").FillAsync("Of course, what number?");
        await page.GetByLabel("Reply").PressAsync("Enter");

        var reply = page.Locator(".message-out", new() { HasText = "Of course, what number?" });
        await Expect(reply.Locator(".message-error")).ToContainTextAsync("This person isn't available on Messenger right now.");
        // The list says so too, for the agent who has moved on to another conversation.
        var row = page.Locator(".conversation-row", new() { HasText = "Marc Roux" });
        await Expect(row.GetByTestId("row-reply-failed")).ToContainTextAsync("Not sent");
        await reply.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(reply.Locator(".message-status")).ToHaveAttributeAsync("data-status", "sent");
        await Expect(reply.Locator(".message-error")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("row-reply-failed")).ToHaveCountAsync(0);
    }
}
