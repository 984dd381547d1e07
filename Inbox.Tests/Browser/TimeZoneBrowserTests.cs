using Microsoft.Playwright;
using Inbox.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

/// <summary>A viewer in Europe/Paris, on an app of their own: the snooze this test makes must not reach other tests' inboxes.</summary>
public sealed class TimeZoneBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Times_are_in_the_viewers_zone_from_the_first_render_of_a_direct_link_and_snoozes_use_it()
    {
        var at = new DateTimeOffset(2026, 12, 1, 13, 5, 0, TimeSpan.Zero);
        await browser.App.PostSignedWebhookAsync(Fixture.CustomerText("psid-paris", at, "m_paris_1", "Bonjour, c'est ouvert ?"));
        var conversation = await Eventually.ReturnsAsync(async () => (await browser.App.Service<Inbox.Core.Conversations.ConversationStore>()
            .ListAsync(0, 100, CancellationToken.None)).FirstOrDefault(c => c.Psid == "psid-paris"), "the conversation");
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword, timeZone: "Europe/Paris");

        // A direct link: a new page load, whose circuit must know the zone before it renders the thread.
        await page.GotoAsync($"{browser.BaseUrl}/conversations/{conversation.Id}");
        await Expect(page.Locator(".inbox-shell[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator($"article.message time[datetime='{at:O}']")).ToHaveTextAsync("14:05");

        await page.GetByRole(AriaRole.Button, new() { Name = "More snooze choices" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Until tomorrow 09:00" }).ClickAsync();

        var snoozed = await Eventually.ReturnsAsync(async () => (await browser.App.Service<Inbox.Core.Conversations.ConversationStore>()
            .GetAsync(conversation.Id, CancellationToken.None)) is { SnoozedUntil: not null } summary ? summary : null, "the snooze");
        var paris = TimeZoneInfo.ConvertTime(snoozed.SnoozedUntil!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal(new TimeSpan(9, 0, 0), paris.TimeOfDay);
        var agent = await browser.App.FindUserAsync(InboxAppFactory.Demo.AgentEmail);
        Assert.Equal("Europe/Paris", agent!.TimeZone);
    }
}
