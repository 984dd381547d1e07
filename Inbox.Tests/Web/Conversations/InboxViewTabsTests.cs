using Bunit;
using Inbox.Core.Conversations;
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
}
