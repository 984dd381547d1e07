using System.Diagnostics;
using Dapper;
using Inbox.Tests.Browser;
using Inbox.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Web.Nodes;

/// <summary>Two nodes on one PostgreSQL database and one Redis, an agent's browser on each.</summary>
[Collection(nameof(SeveralNodes))]
public sealed class TwoNodeBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TwoNodes _nodes = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        if (!PostgresServer.IsConfigured || !TwoNodes.RedisConfigured)
        {
            return;
        }
        // Development: the built app finds its static web assets (Blazor's and MudBlazor's scripts) only from the
        // manifest, as `dotnet run` does; a published app has them in wwwroot.
        _nodes = await TwoNodes.StartAsync(_ => new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development" });
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
        _nodes?.Dispose();
    }

    [SeveralNodesFact]
    public async Task A_message_to_one_node_shows_on_the_other_with_presence_typing_and_one_reply_sent()
    {
        var camille = await SignedInAsync(_nodes.A, InboxAppFactory.Demo.AgentEmail);
        var sam = await SignedInAsync(_nodes.B, "sam@demo.inbox");
        using var http = new HttpClient();
        await using var connection = await _nodes.Db.Database.OpenAsync(CancellationToken.None);
        // Meta's side: the person exists for the Page and wrote just now (the sandbox answers sends accordingly).
        await connection.ExecuteAsync("INSERT INTO sandbox_customers (page_id, psid, name, last_message_at) VALUES (@PageId, 'psid-two-nodes', 'Léa Martin', @At)",
            new { PageId = Fixture.DemoPageId, At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });

        var started = Stopwatch.GetTimestamp();
        (await SignedWebhook.PostAsync(http, _nodes.A.BaseUrl, Fixture.CustomerText("psid-two-nodes", DateTimeOffset.UtcNow, "m_two_nodes", "Do you ship to Lyon?"))).EnsureSuccessStatusCode();
        var row = sam.Locator(".conversation-row", new() { HasText = "ship to Lyon" });
        await Expect(row).ToBeVisibleAsync();
        output.WriteLine($"Acknowledged by node A, shown in the tab on node B after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        await camille.Locator(".conversation-row", new() { HasText = "ship to Lyon" }).ClickAsync();
        await row.ClickAsync();
        await Expect(camille.GetByTestId("viewers")).ToHaveAttributeAsync("title", "Also here: Sam Taylor");
        await Expect(sam.GetByTestId("viewers")).ToHaveAttributeAsync("title", "Also here: Camille Dubois");
        await sam.GetByLabel("Reply").PressSequentiallyAsync("Yes, in two days");
        await Expect(camille.GetByTestId("teammate-typing")).ToHaveTextAsync("Sam Taylor is typing a reply…");

        await sam.GetByLabel("Reply").PressAsync("Enter");
        await Expect(camille.Locator(".message-out", new() { HasText = "Yes, in two days" })).ToBeVisibleAsync();
        // Sent once: one row, claimed for one Send API call, and settled by Meta's answer or its echo.
        await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<string>(
            "SELECT status FROM messages WHERE text = 'Yes, in two days'") == "sent", "the reply to be sent");
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text = 'Yes, in two days'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT send_attempts FROM messages WHERE text = 'Yes, in two days'"));

        // Sam closes his tab: node B tells node A at once.
        await sam.Context.CloseAsync();
        await Expect(camille.GetByTestId("viewers")).Not.ToBeVisibleAsync();
    }

    private async Task<IPage> SignedInAsync(AppProcess node, string email)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, node.BaseUrl, email, InboxAppFactory.Demo.AgentPassword);
        return page;
    }
}

/// <summary>Tests of several nodes share one Redis: they run one at a time, so no test hears another's nodes.</summary>
[CollectionDefinition(nameof(SeveralNodes))]
public sealed class SeveralNodes;
