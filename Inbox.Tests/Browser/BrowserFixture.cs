using Inbox.Tests.Support;
using Microsoft.Playwright;

namespace Inbox.Tests.Browser;

/// <summary>The app served on a real loopback port, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public InboxAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>When set, tests save screenshots there (the README's picture comes from this).</summary>
    public static string? ScreenshotFolder => Environment.GetEnvironmentVariable("INBOX_SCREENSHOTS");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's chromium at {ChromiumPath}: run ./test.sh as root, or 'apt-get install -y chromium'.");
        }
        BaseUrl = App.StartOnLoopback();
        // A busy CI machine can take more than Playwright's default 5 s for a first render or a circuit to connect.
        Assertions.SetDefaultExpectTimeout(15_000);

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        // Without the network flags Chromium keeps trying hosts this machine cannot reach.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string locale = "en-US", string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZone,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A new browser page signed in as the user, once its circuit is up (earlier clicks would be lost).</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password, int width = 1280, int height = 800, string? timeZone = null)
    {
        var page = await NewPageAsync(width, height, timeZone: timeZone);
        await SignInAsync(page, BaseUrl, email, password);
        return page;
    }

    public static async Task SignInAsync(IPage page, string baseUrl, string email, string password)
    {
        await page.GotoAsync(baseUrl + "/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".inbox-shell[data-interactive=true]")).ToBeVisibleAsync();
    }

    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is { } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name) });
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
