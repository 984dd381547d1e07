using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Inbox.Tests.Support;
using Inbox.Web.Cli;
using Inbox.Web.Hubs;
using Xunit.Abstractions;

namespace Inbox.Tests.Web.Nodes;

/// <summary>
/// Two nodes share the load; node A is killed with SIGKILL in the middle of it. Node B applies what A acknowledged but
/// did not apply, sends what A had claimed but not sent, keeps its clients served, and A rejoins when restarted.
/// test.sh runs it at 400 deliveries/s; faults.sh at 1,000/s.
/// </summary>
[Trait("Category", "Faults")]
[Collection(nameof(SeveralNodes))]
public sealed class TwoNodeKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Conversations = 20;
    private TwoNodes? _nodes;

    public void Dispose() => _nodes?.Dispose();

    [SeveralNodesFact]
    public async Task Killing_one_node_under_load_loses_nothing_sends_no_reply_twice_and_it_rejoins()
    {
        var (rate, phaseSeconds) = FaultScale.IsLong ? (1_000, 4.0) : (400, 2.0);
        // Both nodes call the Graph API on node B's sandbox, which stays up: Meta does not die with a node.
        _nodes = await TwoNodes.StartAsync(urls => new Dictionary<string, string>
        {
            ["Meta__GraphBaseUrl"] = urls.B + "/sandbox/graph",
            ["Meta__GraphTimeoutSeconds"] = "3",
            ["Meta__EchoWaitSeconds"] = "5",
        });
        var nodes = _nodes;
        using var agent = await ApiClientAsync(InboxAppFactory.Demo.AgentEmail);
        using var admin = await ApiClientAsync(InboxAppFactory.Demo.AdminEmail);
        var conversationIds = await StartConversationsAsync();
        await using var hubOnB = await HubClient.ConnectAsync(new Uri(nodes.B.BaseUrl + InboxHub.Path), await nodes.TokenAsync(InboxAppFactory.Demo.AgentEmail), InboxHub.ChangeEvent, CancellationToken.None);

        var acknowledged = new ConcurrentBag<string>();
        using var load = new CancellationTokenSource();
        // Customers writing to whichever node the balancer picks.
        var senders = WebhookLoad.StartAsync([nodes.A.BaseUrl, nodes.B.BaseUrl], rate, (sender, i) =>
        {
            var mid = $"m_nodes_{sender}_{i}";
            return (mid, Fixture.CustomerText($"74{sender:D3}{i:D9}", DateTimeOffset.UtcNow, mid, "Anyone there?"));
        }, acknowledged, null, load.Token);
        // Replies written on both nodes while the load runs; node A's SendWorker claims some of them.
        var replies = await Task.WhenAll(conversationIds.Select((id, i) => ReplyAsync(agent, i % 2 == 0 ? nodes.A : nodes.B, id, $"Reply {i}")));
        await Task.Delay(TimeSpan.FromSeconds(phaseSeconds));
        nodes.A.Kill();
        var killedAt = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(phaseSeconds));
        await load.CancelAsync();
        await senders;

        // Node B goes on: it applies node A's acknowledged deliveries and its clients hear of them.
        await Eventually.TrueAsync(async () => await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'") == 0,
            "node B to apply every stored delivery, node A's included", 120);
        var eventsAfterKill = hubOnB.CountArrivedAfter(killedAt);
        await Eventually.TrueAsync(async () => await CountAsync("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status <> 'sent'") == 0,
            "every reply to be sent, node A's claims included once their lease ran out", 120);

        await nodes.RestartAAsync();
        var rejoinedAt = Stopwatch.GetTimestamp();
        using var http = new HttpClient();
        (await SignedWebhook.PostAsync(http, nodes.A.BaseUrl, Fixture.CustomerText("psid-rejoined", DateTimeOffset.UtcNow, "m_rejoined", "Back again"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Task.FromResult(hubOnB.CountArrivedAfter(rejoinedAt) > 0), "a client of node B to hear of a message node A applied after rejoining");

        var mids = acknowledged.ToList();
        await using var connection = await nodes.Db.Database.OpenAsync(CancellationToken.None);
        var stored = (await connection.QueryAsync<string>("SELECT mid FROM messages WHERE mid LIKE 'm_nodes_%'")).ToHashSet(StringComparer.Ordinal);
        var sent = (await admin.GetFromJsonAsync<JsonElement[]>(nodes.B.BaseUrl + "/sandbox/received"))!
            .Where(call => call.GetProperty("messageId").ValueKind == JsonValueKind.String)
            .GroupBy(call => call.GetProperty("text").GetString())
            .ToDictionary(g => g.Key!, g => g.Count());
        output.WriteLine($"{rate}/s over two nodes, node A killed after {phaseSeconds} s: {mids.Count} acknowledged, {mids.Count(stored.Contains)} applied, " +
            $"{eventsAfterKill} hub events on node B after the kill; {Conversations} replies: {replies.Length} accepted, " +
            $"{sent.Values.Sum()} sends reached Meta, {sent.Count(s => s.Value > 1)} sent twice");
        Assert.True(mids.Count > rate, "the load reached the servers");
        Assert.Equal(mids.Count, mids.Count(stored.Contains));
        Assert.True(eventsAfterKill > 0, "node B's clients kept hearing of changes");
        Assert.All(Enumerable.Range(0, Conversations), i => Assert.Equal(1, sent.GetValueOrDefault($"Reply {i}")));
    }

    private async Task<long[]> StartConversationsAsync()
    {
        await using var connection = await _nodes!.Db.Database.OpenAsync(CancellationToken.None);
        using var http = new HttpClient();
        for (var i = 0; i < Conversations; i++)
        {
            // Meta's side knows each person, so the sandbox accepts replies to them.
            await connection.ExecuteAsync("INSERT INTO sandbox_customers (page_id, psid, name, last_message_at) VALUES (@PageId, @Psid, NULL, @At)",
                new { PageId = Fixture.DemoPageId, Psid = $"psid-node-{i}", At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
            (await SignedWebhook.PostAsync(http, _nodes.A.BaseUrl, Fixture.CustomerText($"psid-node-{i}", DateTimeOffset.UtcNow, $"m_start_{i}", "Hello"))).EnsureSuccessStatusCode();
        }
        await Eventually.TrueAsync(async () => await CountAsync("SELECT COUNT(*) FROM conversations") == Conversations, "the conversations to start");
        return [.. await connection.QueryAsync<long>("SELECT id FROM conversations ORDER BY id")];
    }

    private static async Task<HttpStatusCode> ReplyAsync(HttpClient agent, AppProcess node, long conversationId, string text)
    {
        using var response = await agent.PostAsJsonAsync($"{node.BaseUrl}/api/v1/conversations/{conversationId}/messages", new { text });
        response.EnsureSuccessStatusCode();
        return response.StatusCode;
    }

    private async Task<HttpClient> ApiClientAsync(string email)
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _nodes!.TokenAsync(email));
        return client;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _nodes!.Db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
