using Inbox.Core.Users;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

public sealed class LanguageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_french_speaking_agent_works_in_french_and_live_updates_stay_french()
    {
        var users = browser.App.Service<UserStore>();
        var chloe = await users.AddAsync("chloe@demo.inbox", "Chloé Petit", UserRole.Agent, InboxAppFactory.Demo.AgentPassword, CancellationToken.None);
        await users.SetLanguageAsync(chloe.Id, "fr", CancellationToken.None);
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-fr-1", "Avez-vous des bougies au figuier ?", "Inès Moreau", CancellationToken.None);

        // Her browser says English; her own choice wins once she is signed in.
        var page = await browser.SignedInPageAsync(chloe.Email, InboxAppFactory.Demo.AgentPassword);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator(".inbox-rail-link span").First).ToHaveTextAsync("Boîte de réception");
        await Expect(page.Locator(".inbox-view[data-view=Mine]")).ToContainTextAsync("À moi");
        await page.Locator(".conversation-row", new() { HasText = "figuier" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Note interne" })).ToBeVisibleAsync();
        await page.GetByTestId("thread-workflow").GetByRole(AriaRole.Button, new() { Name = "M'attribuer" }).ClickAsync();
        await Expect(page.Locator(".thread-event[data-kind=assigned]")).ToContainTextAsync("Chloé Petit a pris la conversation");

        // A message published by the webhook worker re-renders her list: still in French.
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-fr-2", "Livrez-vous à Lyon ?", "Hugo Lambert", CancellationToken.None);
        var row = page.Locator(".conversation-row", new() { HasText = "Livrez-vous" });
        await Expect(row.Locator(".conversation-row-time")).ToHaveTextAsync("maintenant");
        await BrowserFixture.SaveScreenshotAsync(page, "inbox-french.png");
    }

    [Fact]
    public async Task The_reconnect_dialog_speaks_the_agents_language_and_a_draft_outlives_the_lost_connection()
    {
        var users = browser.App.Service<UserStore>();
        var lea = await users.AddAsync("lea@demo.inbox", "Léa Roux", UserRole.Agent, InboxAppFactory.Demo.AgentPassword, CancellationToken.None);
        await users.SetLanguageAsync(lea.Id, "fr", CancellationToken.None);
        await browser.App.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-fr-offline", "Vous livrez le samedi ?", "Marc Blanc", CancellationToken.None);
        var page = await browser.SignedInPageAsync(lea.Email, InboxAppFactory.Demo.AgentPassword);
        await page.Locator(".conversation-row", new() { HasText = "samedi" }).ClickAsync();
        await page.GetByLabel("Réponse").PressSequentiallyAsync("Oui, le samedi matin");
        await Eventually.TrueAsync(async () => (await browser.App.Service<Inbox.Core.Conversations.DraftStore>().GetAsync(lea.Id,
            (await browser.App.Service<Inbox.Core.Conversations.ConversationStore>().ListAsync(0, 100, CancellationToken.None)).Single(c => c.Psid == "psid-fr-offline").Id,
            CancellationToken.None))?.Text == "Oui, le samedi matin", "the draft kept");

        await page.Context.SetOfflineAsync(true);
        await Expect(page.Locator("#components-reconnect-modal")).ToContainTextAsync("Reconnexion à Inbox");
        await page.Context.SetOfflineAsync(false);
        await page.ReloadAsync();

        await Expect(page.GetByLabel("Réponse")).ToHaveValueAsync("Oui, le samedi matin");
    }

    [Fact]
    public async Task A_french_browser_gets_french_until_the_person_picks_english_which_then_follows_them()
    {
        var page = await SignInFromAFrenchBrowserAsync();
        await Expect(page.Locator(".inbox-rail-link span", new() { HasText = "Tableau de bord" })).ToBeVisibleAsync();

        await page.GetByLabel("Langue").SelectOptionAsync("en");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator(".inbox-rail-link span", new() { HasText = "Dashboard" })).ToBeVisibleAsync();
        Assert.Equal("en", (await browser.App.FindUserAsync(InboxAppFactory.Demo.ManagerEmail))!.Language);
        // Another device, whose browser also says French: the stored choice wins.
        var elsewhere = await SignInFromAFrenchBrowserAsync();
        await Expect(elsewhere.Locator(".inbox-rail-link span", new() { HasText = "Dashboard" })).ToBeVisibleAsync();
    }

    // The sign-in page has no person yet: it speaks the browser's language.
    private async Task<IPage> SignInFromAFrenchBrowserAsync()
    {
        var page = await browser.NewPageAsync(locale: "fr-FR");
        await page.GotoAsync(browser.BaseUrl + "/login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(InboxAppFactory.Demo.ManagerEmail);
        await page.GetByLabel("Mot de passe").FillAsync(InboxAppFactory.Demo.ManagerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.Locator(".inbox-shell[data-interactive=true]")).ToBeVisibleAsync();
        return page;
    }
}
