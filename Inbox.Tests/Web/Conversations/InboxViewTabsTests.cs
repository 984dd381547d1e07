using Bunit;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Tests.Support;
using Inbox.Web.Features.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Conversations;

public sealed class InboxViewTabsTests : Inbox.Tests.Support.MudComponentTest, IAsyncLifetime
{
    private IngestionHarness _inbox = default!;

    public async Task InitializeAsync()
    {
        Services.AddLocalization();
        _inbox = await IngestionHarness.CreateAsync();
        Services.AddSingleton(_inbox.Conversations);
        Services.AddSingleton(_inbox.Feed);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<SharedViewCounts>();
        AddAuthorization().SetAuthorized("Camille Dubois");
        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));
    }

    async Task IAsyncLifetime.DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public void The_views_show_their_counts_mark_the_chosen_one_and_report_a_choice()
    {
        InboxView? chosen = null;

        var tabs = Render<InboxViewTabs>(p => p.Add(t => t.View, InboxView.All).Add(t => t.ViewChanged, view => chosen = view));

        tabs.WaitForAssertion(() => Assert.Equal("3", tabs.Find(".inbox-view[data-view=All] .inbox-view-count").TextContent));
        Assert.Equal(["Mine", "Unassigned", "All", "Mentions", "Snoozed", "Done"], tabs.FindAll(".inbox-view").Select(v => v.GetAttribute("data-view")));
        Assert.Equal("true", tabs.Find(".inbox-view[data-view=All]").GetAttribute("aria-pressed"));
        Assert.Equal("3", tabs.Find(".inbox-view[data-view=Unassigned] .inbox-view-count").TextContent);
        tabs.Find(".inbox-view[data-view=Done]").Click();
        Assert.Equal(InboxView.Done, chosen);
    }

    [Fact]
    public async Task A_change_costs_the_database_the_same_with_fifty_tabs_open_as_with_one()
    {
        var one = Render<InboxViewTabs>(p => p.Add(t => t.View, InboxView.All));
        var withOneTab = await ConnectionsForNewCustomerAsync("psid-one-tab", "m_one_tab", [one], expectedAll: 4);
        var fifty = Enumerable.Range(0, 49).Select(_ => Render<InboxViewTabs>(p => p.Add(t => t.View, InboxView.Mine))).Prepend(one).ToList();

        var withFiftyTabs = await ConnectionsForNewCustomerAsync("psid-fifty-tabs", "m_fifty_tabs", fifty, expectedAll: 5);

        // Each tab reading its own counts would cost 49 more; one shared read per change costs none.
        Assert.InRange(withFiftyTabs - withOneTab, -2, 2);
    }

    private async Task<long> ConnectionsForNewCustomerAsync(string psid, string mid, IReadOnlyList<IRenderedComponent<InboxViewTabs>> tabs, int expectedAll)
    {
        var counts = Services.GetRequiredService<SharedViewCounts>();
        tabs.ToList().ForEach(tab => tab.WaitForAssertion(() => Assert.Equal((expectedAll - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), tab.Find(".inbox-view[data-view=All] .inbox-view-count").TextContent)));
        var before = _inbox.Db.Database.ConnectionsOpened;

        await _inbox.DeliverAsync(Fixture.CustomerText(psid, DateTimeOffset.FromUnixTimeMilliseconds(1795600300000), mid, "Is the shop open on Sunday?"));

        foreach (var tab in tabs)
        {
            tab.WaitForAssertion(() => Assert.Equal(expectedAll.ToString(System.Globalization.CultureInfo.InvariantCulture), tab.Find(".inbox-view[data-view=All] .inbox-view-count").TextContent), TimeSpan.FromSeconds(5));
        }
        // Let a read that a later change of the same delivery started finish before counting.
        var reads = counts.Reads;
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.True(counts.Reads - reads <= 1);
        return _inbox.Db.Database.ConnectionsOpened - before;
    }
}
