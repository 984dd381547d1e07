using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

public sealed class SignInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_admin_signs_in_and_sees_the_empty_inbox()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(browser.BaseUrl);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Expect(page.GetByTestId("demo-hint")).ToContainTextAsync(Support.InboxAppFactory.Demo.AdminEmail);
        await BrowserFixture.SaveScreenshotAsync(page, "sign-in.png");

        await page.GetByLabel("Email").FillAsync(Support.InboxAppFactory.Demo.AdminEmail);
        await page.GetByLabel("Password").FillAsync(Support.InboxAppFactory.Demo.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inbox", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("No conversations yet")).ToBeVisibleAsync();
        await Expect(page.Locator(".inbox-user")).ToContainTextAsync("Alex Admin");
        await BrowserFixture.SaveScreenshotAsync(page, "inbox.png");
    }

    [Fact]
    public async Task The_page_is_interactive_once_signed_in()
    {
        var page = await browser.SignedInPageAsync(Support.InboxAppFactory.Demo.AgentEmail, Support.InboxAppFactory.Demo.AgentPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Saved replies" }).ClickAsync();
        await Expect(page.GetByText("Shipping times").First).ToBeVisibleAsync();
        await Expect(page.Locator(".saved-reply")).ToHaveCountAsync(10);

        // Filtering runs in the server-side circuit: it only works if blazor.web.js connected.
        await page.GetByLabel("Search saved replies").PressSequentiallyAsync("parcel");
        await Expect(page.Locator(".saved-reply")).ToHaveCountAsync(1);
        await Expect(page.Locator(".saved-reply")).ToContainTextAsync("Order tracking");
    }

    [Fact]
    public async Task A_disabled_users_open_tabs_lose_their_pages_within_the_revalidation_interval()
    {
        var users = browser.App.Service<global::Inbox.Core.Users.UserStore>();
        var user = await users.AddAsync("leaving@test.inbox", "Lee Leaving", global::Inbox.Core.Users.UserRole.Agent, "right password", CancellationToken.None);
        var inbox = await browser.SignedInPageAsync("leaving@test.inbox", "right password");
        var tabs = new List<IPage> { inbox };
        foreach (var path in new[] { "/comments", "/saved-replies" })
        {
            var tab = await inbox.Context.NewPageAsync();
            await tab.GotoAsync(browser.BaseUrl + path);
            tabs.Add(tab);
        }
        foreach (var tab in tabs)
        {
            await WaitUntilInteractiveAsync(tab);
        }

        await users.SetDisabledAsync(user.Id, true, CancellationToken.None);

        // Each circuit re-checks its user every 15 s; the page, and its live subscriptions, go with the check.
        foreach (var tab in tabs)
        {
            await Expect(tab).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"), new() { Timeout = 30_000 });
        }
    }

    [Fact]
    public async Task The_dark_theme_choice_survives_a_reload()
    {
        var page = await browser.SignedInPageAsync(Support.InboxAppFactory.Demo.ManagerEmail, Support.InboxAppFactory.Demo.ManagerPassword);
        const string darkBackground = "rgb(18, 20, 24)";
        Assert.NotEqual(darkBackground, await BodyBackgroundAsync(page));

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(darkBackground, await BodyBackgroundAsync(page));

        // The cookie brings the choice to the next load's first paint, before the circuit starts.
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(darkBackground, await BodyBackgroundAsync(page));
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task On_a_phone_the_navigation_lies_along_the_bottom_within_a_thumbs_reach()
    {
        var page = await browser.SignedInPageAsync(Support.InboxAppFactory.Demo.AdminEmail, Support.InboxAppFactory.Demo.AdminPassword, 390, 844);
        var settings = page.GetByRole(AriaRole.Link, new() { Name = "Settings" });

        await Expect(settings).ToBeInViewportAsync();
        Assert.True((await settings.BoundingBoxAsync())!.Y > 844 - 80, "the navigation is at the bottom of the screen");

        await settings.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings" })).ToBeVisibleAsync();
        await Expect(settings).ToBeInViewportAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "phone-settings.png");
    }

    [Fact]
    public async Task An_admin_adds_a_user_in_settings_who_can_then_sign_in()
    {
        var page = await browser.SignedInPageAsync(Support.InboxAppFactory.Demo.AdminEmail, Support.InboxAppFactory.Demo.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();

        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("new.agent@demo.inbox");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Noor <b>New</b>");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("noor's password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();

        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Added Noor <b>New</b> as Agent." })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("users-grid").GetByText("new.agent@demo.inbox", new() { Exact = true })).ToBeVisibleAsync();

        var newcomer = await browser.SignedInPageAsync("new.agent@demo.inbox", "noor's password");
        await Expect(newcomer.Locator(".inbox-user")).ToContainTextAsync("Noor <b>New</b>");
    }

    [Fact]
    public async Task Settings_refuses_a_user_it_cannot_add_and_says_why()
    {
        var page = await browser.SignedInPageAsync(Support.InboxAppFactory.Demo.AdminEmail, Support.InboxAppFactory.Demo.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();

        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(Support.InboxAppFactory.Demo.ManagerEmail);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Duplicate");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("long enough");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();

        await Expect(page.GetByText("already exists")).ToBeVisibleAsync();
    }

    private static Task<string> BodyBackgroundAsync(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    // A click on the server-rendered page before the circuit connects would be lost.
    private static Task WaitUntilInteractiveAsync(IPage page) =>
        Expect(page.Locator(".inbox-shell[data-interactive=true]")).ToBeVisibleAsync();
}
