using Inbox.Tests.Browser;
using Microsoft.Playwright;

namespace Inbox.Tests.Support;

/// <summary>Debian's Chromium for tests of apps in processes of their own (several nodes, a proxy in front).</summary>
public sealed class ProcessBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ProcessBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    /// <summary>
    /// Settings for an app process a browser will use. Development: the built app finds its static web assets (Blazor's
    /// and MudBlazor's scripts) only from the manifest, as `dotnet run` does; a published app has them in wwwroot.
    /// </summary>
    public static Dictionary<string, string> AppSettings => new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development" };

    public static async Task<ProcessBrowser> LaunchAsync()
    {
        // A busy CI machine can take more than Playwright's default 5 s for a first render or a circuit to connect.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        return new ProcessBrowser(playwright, await BrowserFixture.LaunchChromiumAsync(playwright));
    }

    /// <summary>A page of its own browser context, signed in at <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> SignedInAsync(string baseUrl, string email, string password)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, baseUrl, email, password);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
