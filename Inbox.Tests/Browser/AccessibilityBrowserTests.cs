using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Inbox.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

/// <summary>
/// axe-core on every page and the states people open on them, light and dark, desktop and phone: no serious or critical
/// violation anywhere. One app of its own, so the conversations and comments it makes reach no other test.
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string PostId = Fixture.DemoPageId + "_1300000000000089";

    public async Task InitializeAsync()
    {
        var sandbox = browser.App.Service<Inbox.Web.Sandbox.SandboxGraph>();
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-axe-1", "Bonjour ! Vous livrez à Lyon ?", "Léa Martin", CancellationToken.None);
        await sandbox.CustomerWritesAsync(Fixture.DemoPageId, "psid-axe-2", "Where is my order ML-2042?", "James Carter", CancellationToken.None);
        await sandbox.CustomerCommentsAsync(Fixture.DemoPageId, PostId, "5500000000000901", "Zoé Garnier", "Do you ship to Belgium?", CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("light", 1440, 900)]
    [InlineData("dark", 1440, 900)]
    [InlineData("light", 390, 844)]
    [InlineData("dark", 390, 844)]
    public async Task No_page_state_has_a_serious_or_critical_violation(string theme, int width, int height)
    {
        var problems = new List<string>();
        var signIn = await browser.NewPageAsync(width, height);
        await UseThemeAsync(signIn, theme);
        await signIn.GotoAsync(browser.BaseUrl + "/login");
        await CheckAsync(signIn, "sign-in", problems);

        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword, width, height);
        await UseThemeAsync(page, theme);
        await page.ReloadAsync();
        await WaitUntilInteractiveAsync(page);

        await Expect(page.Locator(".conversation-row").First).ToBeVisibleAsync();
        await CheckAsync(page, "inbox", problems);
        await page.GetByTestId("filters-toggle").ClickAsync();
        await CheckAsync(page, "inbox with filters", problems);
        await page.GetByRole(AriaRole.Button, new() { Name = "Keyboard shortcuts" }).ClickAsync();
        await Expect(page.GetByTestId("shortcut-help")).ToBeVisibleAsync();
        await CheckAsync(page, "keyboard help", problems);
        await page.Keyboard.PressAsync("Escape");

        await page.Locator(".conversation-row").First.ClickAsync();
        await Expect(page.Locator(".composer textarea")).ToBeVisibleAsync();
        await CheckAsync(page, "conversation", problems);
        await page.GetByRole(AriaRole.Button, new() { Name = "More snooze choices" }).ClickAsync();
        await CheckAsync(page, "snooze menu", problems);
        await page.Keyboard.PressAsync("Escape");

        foreach (var (link, state) in new[] { ("Comments", "comments"), ("Saved replies", "saved replies"), ("Dashboard", "dashboard"), ("System", "system") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await CheckAsync(page, state, problems);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Saved replies" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New saved reply" }).ClickAsync();
        await CheckAsync(page, "saved reply editor", problems);

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        foreach (var tab in new[] { "Users", "Pages", "Automation", "Moderation", "API tokens", "Audit", "Deliveries" })
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await CheckAsync(page, $"settings {tab}", problems);
        }

        Assert.True(problems.Count == 0, $"axe-core, {theme} {width}x{height}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public async Task The_focus_ring_shows_for_the_keyboard_and_never_on_page_load()
    {
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword, 1440, 900);
        // The heading takes focus on load for screen readers; nothing is ringed.
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        await page.Keyboard.PressAsync("Tab");

        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
    }

    private static async Task CheckAsync(IPage page, string state, List<string> problems)
    {
        // Let transitions and live updates settle: axe reads colours as painted.
        await page.WaitForTimeoutAsync(400);
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join(" | ", violation.Nodes.Take(4).Select(n => n.Target.ToString()));
            problems.Add($"  {state}: {violation.Id} ({violation.Impact}, {violation.Nodes.Length} elements) {targets}");
        }
    }

    private Task UseThemeAsync(IPage page, string theme) =>
        page.Context.AddCookiesAsync([new Cookie { Name = ThemeCookieName, Value = theme, Url = browser.BaseUrl }]);

    private const string ThemeCookieName = Inbox.Web.ThemeCookie.Name;

    private static Task WaitUntilInteractiveAsync(IPage page) =>
        Expect(page.Locator(".inbox-shell[data-interactive=true]")).ToBeVisibleAsync();
}
