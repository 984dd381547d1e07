using Dapper;
using Inbox.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Web.Nodes;

/// <summary>docs/deploy/nginx.conf in front of two real nodes, as deploy.md tells an admin to run them.</summary>
[Collection(nameof(SeveralNodes))]
public sealed class NginxTests : IAsyncLifetime
{
    private TwoNodes? _nodes;
    private NginxProcess? _nginx;
    private ProcessBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!PostgresServer.IsConfigured || !TwoNodes.RedisConfigured)
        {
            return;
        }
        if (!File.Exists(NginxProcess.Executable))
        {
            throw new InvalidOperationException($"The nginx test needs Debian's nginx at {NginxProcess.Executable}: run ./test.sh as root, or 'apt-get install -y nginx'.");
        }
        _nodes = await TwoNodes.StartAsync(_ => ProcessBrowser.AppSettings);
        _nginx = await NginxProcess.StartAsync(_nodes.A.BaseUrl, _nodes.B.BaseUrl);
        _browser = await ProcessBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _nginx?.Dispose();
        _nodes?.Dispose();
    }

    [SeveralNodesFact]
    public async Task Through_nginx_a_tab_stays_live_webhooks_reach_both_nodes_and_a_dead_node_loses_no_delivery()
    {
        var (nodes, nginx) = (_nodes!, _nginx!);
        var page = await _browser!.SignedInAsync(nginx.BaseUrl, InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        using var http = new HttpClient();

        for (var i = 0; i < 4; i++)
        {
            (await SignedWebhook.PostAsync(http, nginx.BaseUrl, Fixture.CustomerText($"psid-nginx-{i}", DateTimeOffset.UtcNow, $"m_nginx_{i}", $"Through the proxy {i}"))).EnsureSuccessStatusCode();
        }
        // The tab (its circuit's WebSocket through nginx) shows what both nodes applied.
        for (var i = 0; i < 4; i++)
        {
            await Expect(page.Locator(".conversation-row", new() { HasText = $"Through the proxy {i}" })).ToBeVisibleAsync();
        }
        var webhookNodes = nginx.AccessLog.Where(line => line.StartsWith("POST /webhooks/meta 200", StringComparison.Ordinal)).Select(line => line.Split(' ')[^1]).ToHashSet();
        Assert.Equal(new[] { new Uri(nodes.A.BaseUrl).Authority, new Uri(nodes.B.BaseUrl).Authority }.Order(), webhookNodes.Order());

        // A node dies: nginx hands its deliveries to the other one, and Meta sees every one acknowledged.
        var browserNode = nginx.AccessLog.Last(line => line.StartsWith("GET /_blazor", StringComparison.Ordinal)).Split(' ')[^1];
        var other = browserNode == new Uri(nodes.A.BaseUrl).Authority ? nodes.B : nodes.A;
        other.Kill();
        for (var i = 4; i < 10; i++)
        {
            (await SignedWebhook.PostAsync(http, nginx.BaseUrl, Fixture.CustomerText($"psid-nginx-{i}", DateTimeOffset.UtcNow, $"m_nginx_{i}", $"Through the proxy {i}"))).EnsureSuccessStatusCode();
        }
        await Expect(page.Locator(".conversation-row", new() { HasText = "Through the proxy 9" })).ToBeVisibleAsync();
        await using var connection = await nodes.Db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(10, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE mid LIKE 'm_nginx_%'"));
    }
}
