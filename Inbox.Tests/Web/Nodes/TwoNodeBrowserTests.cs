using System.Diagnostics;
using Dapper;
using Inbox.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Web.Nodes;

/// <summary>Two nodes on one PostgreSQL database and one Redis, an agent's browser on each.</summary>
[Collection(nameof(SeveralNodes))]
public sealed class TwoNodeBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TwoNodes? _nodes;
    private ProcessBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!PostgresServer.IsConfigured || !TwoNodes.RedisConfigured)
        {
            return;
        }
        _nodes = await TwoNodes.StartAsync(_ => ProcessBrowser.AppSettings);
        _browser = await ProcessBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _nodes?.Dispose();
    }

    [SeveralNodesFact]
    public async Task A_message_to_one_node_shows_on_the_other_with_presence_typing_and_one_reply_sent()
    {
        try
        {
            await ShowAcrossNodesAsync(_nodes!, _browser!);
        }
        catch
        {
            // Which node saw what: the hop that failed is in one of these logs.
            output.WriteLine($"Node A:{Environment.NewLine}{_nodes!.A.RecentOutput}{Environment.NewLine}Node B:{Environment.NewLine}{_nodes.B.RecentOutput}");
            throw;
        }
    }

    private async Task ShowAcrossNodesAsync(TwoNodes nodes, ProcessBrowser browser)
    {
        var camille = await browser.SignedInAsync(nodes.A.BaseUrl, InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var sam = await browser.SignedInAsync(nodes.B.BaseUrl, "sam@demo.inbox", InboxAppFactory.Demo.AgentPassword);
        using var http = new HttpClient();
        await using var connection = await nodes.Db.Database.OpenAsync(CancellationToken.None);
        // Meta's side: the person exists for the Page and wrote just now (the sandbox answers sends accordingly).
        await connection.ExecuteAsync("INSERT INTO sandbox_customers (page_id, psid, name, last_message_at) VALUES (@PageId, 'psid-two-nodes', 'Léa Martin', @At)",
            new { PageId = Fixture.DemoPageId, At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });

        var started = Stopwatch.GetTimestamp();
        (await SignedWebhook.PostAsync(http, nodes.A.BaseUrl, Fixture.CustomerText("psid-two-nodes", DateTimeOffset.UtcNow, "m_two_nodes", "Do you ship to Lyon?"))).EnsureSuccessStatusCode();
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
        // Each hop in turn, so a failure names it: Sam's own screen, the database, then the other node's screen.
        await Expect(sam.Locator(".message-out", new() { HasText = "Yes, in two days" })).ToBeVisibleAsync();
        await Expect(camille.Locator(".message-out", new() { HasText = "Yes, in two days" })).ToBeVisibleAsync();
        // Sent once: one row, claimed for one Send API call, and settled by Meta's answer or its echo.
        await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<string>(
            "SELECT status FROM messages WHERE text = 'Yes, in two days'") == "sent", "the reply to be sent");
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text = 'Yes, in two days'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT send_attempts FROM messages WHERE text = 'Yes, in two days'"));

        // Sam moves on to another conversation: node B tells node A at once.
        (await SignedWebhook.PostAsync(http, nodes.B.BaseUrl, Fixture.CustomerText("psid-two-nodes-2", DateTimeOffset.UtcNow, "m_two_nodes_2", "Is the shop open today?"))).EnsureSuccessStatusCode();
        await sam.Locator(".conversation-row", new() { HasText = "shop open today" }).ClickAsync();
        await Expect(camille.GetByTestId("viewers")).Not.ToBeVisibleAsync();
    }
}

/// <summary>Tests of several nodes share one Redis: they run one at a time, so no test hears another's nodes.</summary>
[CollectionDefinition(nameof(SeveralNodes))]
public sealed class SeveralNodes;
