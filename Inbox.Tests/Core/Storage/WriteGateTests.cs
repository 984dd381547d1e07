using Inbox.Core.Ingestion;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Tests.Core.Storage;

public sealed class WriteGateTests
{
    // A bound on waiting, so a broken gate fails the test instead of hanging it; not a speed requirement.
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Applying_gives_way_while_a_flood_of_deliveries_waits_to_be_stored()
    {
        using var gate = new WriteGate();
        Flood(gate);

        var entering = gate.EnterBehindDeliveriesAsync(TimeSpan.FromMinutes(10), CancellationToken.None);
        await Task.Delay(50);
        Assert.False(entering.IsCompleted);

        gate.DeliveriesSettled(WriteGate.Backlog);
        using var entered = await entering.WaitAsync(s_bound);
    }

    [Fact]
    public async Task Under_a_flood_that_does_not_end_applying_still_goes_ahead_after_its_patience()
    {
        using var gate = new WriteGate();
        Flood(gate);

        using var entered = await gate.EnterBehindDeliveriesAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None).WaitAsync(s_bound);
    }

    [Fact]
    public async Task Stored_deliveries_no_longer_count_as_waiting()
    {
        using var db = new TestDatabase();
        await db.MigratedAsync();
        using var gate = new WriteGate();
        using var writer = new DeliveryWriter(new WebhookDeliveryStore(db.Database, TimeProvider.System), new IngestSignal(), gate, TimeProvider.System, NullLogger<DeliveryWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, WriteGate.Backlog * 2).Select(i => writer.AppendAsync("{}"u8.ToArray(), CancellationToken.None))).WaitAsync(s_bound);

        // Nothing waits any more: with all the patience in the world, applying enters.
        using (await gate.EnterBehindDeliveriesAsync(TimeSpan.FromMinutes(10), CancellationToken.None).WaitAsync(s_bound))
        {
        }
        await writer.StopAsync(CancellationToken.None);
    }

    private static void Flood(WriteGate gate)
    {
        for (var i = 0; i < WriteGate.Backlog; i++)
        {
            gate.DeliveryQueued();
        }
    }

    [Fact]
    public async Task Open_for_postgresql_it_never_makes_anyone_wait()
    {
        using var gate = new WriteGate(serialize: false);
        using var first = await gate.EnterAsync(CancellationToken.None);
        for (var i = 0; i < WriteGate.Backlog; i++)
        {
            gate.DeliveryQueued();
        }

        var second = gate.EnterBehindDeliveriesAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.True(second.IsCompletedSuccessfully);
        (await second).Dispose();
    }
}
