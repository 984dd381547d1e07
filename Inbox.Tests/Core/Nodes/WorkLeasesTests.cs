using Inbox.Core.Nodes;
using Inbox.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Core.Nodes;

public sealed class WorkLeasesTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task One_node_holds_an_item_until_its_lease_runs_out_or_it_gives_it_back()
    {
        await _db.MigratedAsync();
        var nodeA = new WorkLeases(_db.Database, new NodeIdentity(), _time);
        var nodeB = new WorkLeases(_db.Database, new NodeIdentity(), _time);
        var minute = TimeSpan.FromMinutes(1);

        Assert.True(await nodeA.TryTakeAsync("profile", "7", minute, CancellationToken.None));
        Assert.False(await nodeB.TryTakeAsync("profile", "7", minute, CancellationToken.None));
        Assert.True(await nodeB.TryTakeAsync("post", "7", minute, CancellationToken.None));

        // Node A died holding it: once the lease runs out, node B does the work.
        _time.Advance(minute + TimeSpan.FromSeconds(1));
        Assert.True(await nodeB.TryTakeAsync("profile", "7", minute, CancellationToken.None));
        Assert.False(await nodeA.TryTakeAsync("profile", "7", minute, CancellationToken.None));

        // Given back early (Meta could not answer): anyone may try again at once, but only the holder can give it back.
        await nodeA.ReleaseAsync("profile", "7", CancellationToken.None);
        Assert.False(await nodeA.TryTakeAsync("profile", "7", minute, CancellationToken.None));
        await nodeB.ReleaseAsync("profile", "7", CancellationToken.None);
        Assert.True(await nodeA.TryTakeAsync("profile", "7", minute, CancellationToken.None));
    }

    [Fact]
    public async Task Two_nodes_racing_for_the_same_items_take_each_once()
    {
        await _db.MigratedAsync();
        var nodes = Enumerable.Range(0, 2).Select(_ => new WorkLeases(_db.Database, new NodeIdentity(), _time)).ToList();

        var taken = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var mine = 0;
            for (var item = 0; item < 100; item++)
            {
                mine += await node.TryTakeAsync("hide", $"{item}", TimeSpan.FromMinutes(1), CancellationToken.None) ? 1 : 0;
            }
            return mine;
        })));

        Assert.Equal(100, taken.Sum());
    }
}
