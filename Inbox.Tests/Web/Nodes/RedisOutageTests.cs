using System.Diagnostics;
using Inbox.Tests.Support;
using Inbox.Web.Cli;
using Inbox.Web.Hubs;
using Dapper;

namespace Inbox.Tests.Web.Nodes;

/// <summary>
/// Redis goes away under two nodes and comes back: each node keeps taking and applying deliveries and serving its
/// pages, then the nodes hear each other again by themselves. (Hub clients hear nothing meanwhile: SignalR's Redis
/// backplane delivers even a node's own messages through Redis.)
/// </summary>
[Trait("Category", "Faults")]
[Collection(nameof(SeveralNodes))]
public sealed class RedisOutageTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly RedisProcess _redis = new();
    private TwoNodes? _nodes;

    public void Dispose()
    {
        _nodes?.Dispose();
        _redis.Dispose();
    }

    [SeveralNodesFact]
    public async Task Without_redis_each_node_serves_its_own_clients_and_they_hear_each_other_once_it_is_back()
    {
        await _redis.StartAsync();
        _nodes = await TwoNodes.StartAsync(_ => new Dictionary<string, string> { ["Redis__ConnectionString"] = _redis.ConnectionString });
        var token = await _nodes.TokenAsync(InboxAppFactory.Demo.AgentEmail);
        await using var onB = await HubClient.ConnectAsync(new Uri(_nodes.B.BaseUrl + InboxHub.Path), token, InboxHub.ChangeEvent, CancellationToken.None);
        using var http = new HttpClient();

        await using var connection = await _nodes.Db.Database.OpenAsync(CancellationToken.None);

        _redis.Kill();
        (await SignedWebhook.PostAsync(http, _nodes.A.BaseUrl, Fixture.CustomerText("psid-redis-1", DateTimeOffset.UtcNow, "m_redis_1", "Redis is down"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE mid = 'm_redis_1'") == 1,
            "node A to apply what it acknowledged");
        using var page = await http.GetAsync(_nodes.B.BaseUrl + "/login");
        Assert.True(page.IsSuccessStatusCode, "node B serves its pages");
        // An operator sees in the log when and for how long a node could not hear the others.
        await Eventually.TrueAsync(() => Task.FromResult(_nodes.B.RecentOutput.Contains("link to Redis was lost", StringComparison.Ordinal)), "node B to log the lost link");

        await _redis.StartAsync();
        var backAt = Stopwatch.GetTimestamp();
        // Both nodes reconnect by themselves; a message posted then reaches the other node's client.
        await Eventually.TrueAsync(async () =>
        {
            (await SignedWebhook.PostAsync(http, _nodes.A.BaseUrl, Fixture.CustomerText("psid-redis-2", DateTimeOffset.UtcNow, $"m_redis_2_{Guid.NewGuid():N}", "Redis is back"))).EnsureSuccessStatusCode();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return onB.CountArrivedAfter(backAt) > 0;
        }, "a client of node B to hear of node A's changes again", 120);
        Assert.Contains("link to Redis is back", _nodes.B.RecentOutput, StringComparison.Ordinal);
        output.WriteLine($"Heard across nodes again {Stopwatch.GetElapsedTime(backAt).TotalSeconds:F1} s after Redis was back");
    }
}
