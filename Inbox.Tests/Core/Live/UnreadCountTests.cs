using Inbox.Core.Live;
using Inbox.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Tests.Core.Live;

/// <summary>The unread count every tab shows is read once per node per burst of changes, however many tabs listen.</summary>
public sealed class UnreadCountTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;

    public async Task InitializeAsync() => _inbox = await IngestionHarness.CreateAsync();

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task A_hundred_changes_cost_at_most_a_read_each_whatever_the_number_of_tabs_and_every_tab_ends_on_the_true_figure(int tabs)
    {
        using var unread = new UnreadCount(_inbox.Feed, _inbox.Conversations, TimeProvider.System, NullLogger<UnreadCount>.Instance);
        var shown = new int[tabs];
        var subscriptions = Enumerable.Range(0, tabs).Select(tab => unread.Subscribe(value => Volatile.Write(ref shown[tab], value))).ToList();
        var at = _inbox.Time.GetUtcNow();
        for (var customer = 0; customer < 5; customer++)
        {
            await _inbox.DeliverAsync(Fixture.CustomerText($"psid-unread-{customer}", at.AddSeconds(customer), $"m_unread_{customer}"));
        }
        for (var change = 0; change < 100; change++)
        {
            _inbox.Feed.Publish(new InboxChange(1, InboxChangeKind.ConversationUpdated));
        }

        await Eventually.TrueAsync(() => Task.FromResult(Enumerable.Range(0, tabs).All(tab => Volatile.Read(ref shown[tab]) == 5)), "every tab shows 5 unread conversations");
        var changes = _inbox.Published.Count + 100;
        Assert.InRange(unread.Reads, 1, changes + 1);
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_change_reports_how_long_the_tabs_waited_for_it_and_how_long_the_read_took()
    {
        var recorded = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, double Seconds)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Inbox.Core.Operations.InboxMetrics.MeterName && instrument.Name.StartsWith("inbox.shared_reading.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "reading", Value: nameof(UnreadCount) })
                {
                    recorded.Add((instrument.Name, value));
                }
            }
        });
        listener.Start();
        using var unread = new UnreadCount(_inbox.Feed, _inbox.Conversations, TimeProvider.System, NullLogger<UnreadCount>.Instance);
        var shown = -1;
        using var tab = unread.Subscribe(value => Volatile.Write(ref shown, value));
        await Eventually.TrueAsync(() => Task.FromResult(unread.HasValue), "the first read");

        await _inbox.DeliverAsync(Fixture.CustomerText("psid-unread-metric", _inbox.Time.GetUtcNow(), "m_unread_metric"));
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref shown) == 1), "the tab shows the new unread conversation");

        Assert.Contains(recorded, r => r.Instrument == "inbox.shared_reading.duration" && r.Seconds >= 0);
        Assert.Contains(recorded, r => r.Instrument == "inbox.shared_reading.lag" && r.Seconds >= 0);
    }

    [Fact]
    public async Task With_no_tab_open_changes_cost_no_read_and_the_next_tab_reads_the_figure_fresh()
    {
        using var unread = new UnreadCount(_inbox.Feed, _inbox.Conversations, TimeProvider.System, NullLogger<UnreadCount>.Instance);
        using (unread.Subscribe(_ => { }))
        {
            await Eventually.TrueAsync(() => Task.FromResult(unread.HasValue), "the first tab's read");
        }
        var reads = unread.Reads;

        await _inbox.DeliverAsync(Fixture.CustomerText("psid-unread-closed", _inbox.Time.GetUtcNow(), "m_unread_closed"));
        for (var change = 0; change < 50; change++)
        {
            _inbox.Feed.Publish(new InboxChange(1, InboxChangeKind.ConversationUpdated));
        }
        Assert.Equal(reads, unread.Reads);
        Assert.False(unread.HasValue);

        var shown = -1;
        using var next = unread.Subscribe(value => Volatile.Write(ref shown, value));
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref shown) == 1), "the next tab shows the new unread conversation");
        Assert.Equal(reads + 1, unread.Reads);
    }
}
