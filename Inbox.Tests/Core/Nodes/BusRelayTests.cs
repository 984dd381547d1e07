using Inbox.Core.Live;
using Inbox.Core.Nodes;
using Inbox.Core.Pages;
using Inbox.Core.Users;
using Inbox.Tests.Support;
using Inbox.Tests.Web.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Inbox.Tests.Core.Nodes;

/// <summary>Two nodes' relays on the Redis test.sh starts: each notice reaches the other node once and never comes back.</summary>
[Collection(nameof(SeveralNodes))]
public sealed class BusRelayTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }

    [SeveralNodesFact]
    public async Task Changes_users_and_page_settings_reach_the_other_node_once()
    {
        var (feedA, usersA, settingsA) = await NodeAsync();
        var (feedB, usersB, settingsB) = await NodeAsync();
        // Heard on Redis's threads; each channel keeps its order, the channels do not keep one between them.
        var heardA = new System.Collections.Concurrent.ConcurrentQueue<object>();
        var heardB = new System.Collections.Concurrent.ConcurrentQueue<object>();
        feedA.Subscribe(heardA.Enqueue);
        usersA.Changed += heardA.Enqueue;
        settingsA.Changed += heardA.Enqueue;
        feedB.Subscribe(heardB.Enqueue);
        usersB.Changed += heardB.Enqueue;
        var cacheB = settingsB.NewCache<string>();
        cacheB["104857600000001"] = "cached automation";

        feedA.Publish(new InboxChange(42, InboxChangeKind.MessageAdded, 7));
        usersA.Publish(new UserChange(3));
        settingsA.Publish(new PageSettingsChange("104857600000001"));

        await Eventually.TrueAsync(() => Task.FromResult(heardB.Count == 2 && cacheB.IsEmpty), "node B to hear of both and drop its cached settings");
        Assert.Contains(new InboxChange(42, InboxChangeKind.MessageAdded, 7) { FromOtherNode = true }, heardB);
        Assert.Contains(new UserChange(3) { FromOtherNode = true }, heardB);
        // Nothing echoed back to node A: it heard only what it raised itself.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(3, heardA.Count);
        Assert.All(heardA, notice => Assert.DoesNotContain("FromOtherNode = True", notice.ToString(), StringComparison.Ordinal));
    }

    [SeveralNodesFact]
    public async Task When_the_link_to_redis_comes_back_the_screens_read_again_what_they_missed()
    {
        using var outage = new RedisProcess();
        await outage.StartAsync();
        var (feed, _, _) = await NodeAsync(outage.ConnectionString);
        var heard = new System.Collections.Concurrent.ConcurrentQueue<InboxChange>();
        feed.Subscribe(heard.Enqueue);

        outage.Kill();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(heard);
        await outage.StartAsync();

        // Whatever the other nodes committed meanwhile was never heard: every screen re-reads, once.
        await Eventually.TrueAsync(() => Task.FromResult(!heard.IsEmpty), "the node to hear Redis again", 60);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal([new InboxChange(0, InboxChangeKind.Resynced) { FromOtherNode = true }], heard);
    }

    private async Task<(LiveFeed Feed, UserChanges Users, PageSettingsChanges Settings)> NodeAsync(string? redisAt = null)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(redisAt ?? Environment.GetEnvironmentVariable(TwoNodes.RedisVariable)!);
        _owned.Add(redis);
        var bus = new NodeBus(redis, new NodeIdentity(), NullLogger<NodeBus>.Instance);
        var (feed, users, settings) = (new LiveFeed(NullLogger<LiveFeed>.Instance), new UserChanges(), new PageSettingsChanges());
        foreach (var relay in new Microsoft.Extensions.Hosting.IHostedService[] { new ChangeRelay(feed, bus), new UserChangeRelay(users, bus), new PageSettingsRelay(settings, bus) })
        {
            await relay.StartAsync(CancellationToken.None);
        }
        return (feed, users, settings);
    }
}
