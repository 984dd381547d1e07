using System.Text;
using Bunit;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Tests.Support;
using Inbox.Web.Components;
using Inbox.Web.Features.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Conversations;

public sealed class ConversationListTests : Inbox.Tests.Support.MudComponentTest, IAsyncLifetime
{
    private IngestionHarness _inbox = default!;

    public async Task InitializeAsync()
    {
        Services.AddLocalization();
        _inbox = await IngestionHarness.CreateAsync();
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<BrowserClock>();
        Services.AddSingleton(_inbox.Conversations);
        Services.AddSingleton(_inbox.Feed);
        Services.AddSingleton<ViewHeads>();
        Services.AddSingleton<RowMarkup>();
        Services.AddSingleton(new Inbox.Core.Pages.PageStore(_inbox.Db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        Services.AddSingleton(new Inbox.Core.Responsiveness.ResponsivenessSettings(new Inbox.Core.Storage.AppSettingStore(_inbox.Db.Database)));
        AddAuthorization().SetAuthorized("Camille Dubois");
    }

    async Task IAsyncLifetime.DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public void With_no_conversation_it_says_what_will_come()
    {
        var list = Render<ConversationList>();

        list.WaitForAssertion(() => Assert.Contains("No conversations yet", list.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Twenty_tabs_on_the_all_and_unassigned_views_take_a_new_conversation_from_one_shared_read_per_change()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));
        var tabs = Enumerable.Range(0, 20).Select(n => Render<ConversationList>(p => p.Add(l => l.View, n % 2 == 0 ? InboxView.All : InboxView.Unassigned))).ToList();
        tabs.ForEach(tab => tab.WaitForAssertion(() => Assert.Equal(3, tab.FindAll(".conversation-row").Count)));
        var heads = Services.GetRequiredService<ViewHeads>().All;
        var readsBefore = heads.Select(h => h.Reads).ToList();
        var changesBefore = _inbox.Published.Count;

        await _inbox.DeliverAsync(Fixture.CustomerText("psid-shared-head", DateTimeOffset.FromUnixTimeMilliseconds(1795600300000), "m_shared_head", "Do you ship to Lyon?"));

        tabs.ForEach(tab => tab.WaitForAssertion(() => Assert.Contains("Do you ship to Lyon?", tab.FindAll(".conversation-row")[0].TextContent, StringComparison.Ordinal)));
        for (var i = 0; i < heads.Count; i++)
        {
            Assert.InRange(heads[i].Reads - readsBefore[i], 1, _inbox.Published.Count - changesBefore);
        }
    }

    [Fact]
    public async Task Tabs_showing_the_same_rows_share_one_rendering_of_each_and_a_selected_row_is_its_own()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));
        var rows = Services.GetRequiredService<RowMarkup>();
        var tabs = Enumerable.Range(0, 5).Select(_ => Render<ConversationList>()).ToList();
        tabs.ForEach(tab => tab.WaitForAssertion(() => Assert.Equal(3, tab.FindAll(".conversation-row").Count)));

        // Each row rendered once for the node, not once per tab; no tab keeps a row component (and its buffers).
        Assert.Equal(3, rows.Rendered);
        tabs.ForEach(tab => Assert.Empty(tab.FindComponents<ConversationRow>()));
        Assert.Equal(tabs[0].Find(".conversation-list").InnerHtml, tabs[4].Find(".conversation-list").InnerHtml);

        var opened = long.Parse(tabs[0].FindAll(".conversation-row")[1].GetAttribute("data-conversation-id")!, System.Globalization.CultureInfo.InvariantCulture);
        tabs[0].Render(p => p.Add(l => l.SelectedId, opened));
        tabs[0].WaitForAssertion(() => Assert.Equal("true", tabs[0].FindAll(".conversation-row")[1].GetAttribute("aria-current")));
        Assert.Null(tabs[1].FindAll(".conversation-row")[1].GetAttribute("aria-current"));
        Assert.Equal(4, rows.Rendered);
    }

    [Fact]
    public async Task A_rows_shared_html_shows_a_customers_markup_as_text()
    {
        await _inbox.DeliverAsync(Fixture.CustomerText("psid-markup", DateTimeOffset.FromUnixTimeMilliseconds(1795600300000), "m_markup", "<img src=x onerror=alert(1)>"));
        var list = Render<ConversationList>();

        list.WaitForAssertion(() => Assert.Equal("<img src=x onerror=alert(1)>", list.Find(".conversation-row-preview").TextContent.Trim()));
        Assert.Empty(list.FindAll(".conversation-row img[onerror]"));
        Assert.Empty(list.FindComponents<ConversationRow>());
    }

    [Fact]
    public async Task A_tab_in_french_gets_rows_rendered_in_french_beside_a_tab_in_english()
    {
        await _inbox.DeliverAsync(Fixture.CustomerText("psid-langue", DateTimeOffset.FromUnixTimeMilliseconds(1795600300000), "m_langue", "Bonjour"));
        var english = Render<ConversationList>();
        english.WaitForAssertion(() => Assert.StartsWith("waiting", english.Find(".conversation-row-waiting").TextContent, StringComparison.Ordinal));
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr");
            var french = Render<ConversationList>();

            french.WaitForAssertion(() => Assert.StartsWith("sans réponse depuis", french.Find(".conversation-row-waiting").TextContent, StringComparison.Ordinal));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
        Assert.StartsWith("waiting", english.Find(".conversation-row-waiting").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_head_a_tab_shows_is_read_and_switching_the_view_follows_the_other()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));
        var list = Render<ConversationList>(p => p.Add(l => l.View, InboxView.All));
        list.WaitForAssertion(() => Assert.Equal(3, list.FindAll(".conversation-row").Count));
        var heads = Services.GetRequiredService<ViewHeads>();
        var (all, unassigned) = (heads.All.Single(h => h.Filter.View == InboxView.All), heads.All.Single(h => h.Filter.View == InboxView.Unassigned));
        var unassignedReads = unassigned.Reads;

        await _inbox.DeliverAsync(Fixture.CustomerText("psid-all-only", DateTimeOffset.FromUnixTimeMilliseconds(1795600300000), "m_all_only", "Only All reads this"));

        list.WaitForAssertion(() => Assert.Contains("Only All reads this", list.FindAll(".conversation-row")[0].TextContent, StringComparison.Ordinal));
        Assert.Equal(unassignedReads, unassigned.Reads);

        list.Render(p => p.Add(l => l.View, InboxView.Unassigned));
        var allReads = all.Reads;
        await _inbox.DeliverAsync(Fixture.CustomerText("psid-unassigned-now", DateTimeOffset.FromUnixTimeMilliseconds(1795600400000), "m_unassigned_now", "Unassigned reads this"));

        list.WaitForAssertion(() => Assert.Contains("Unassigned reads this", list.FindAll(".conversation-row")[0].TextContent, StringComparison.Ordinal));
        Assert.True(unassigned.Reads > unassignedReads);
        Assert.Equal(allReads, all.Reads);
    }

    [Fact]
    public async Task With_several_pages_each_row_names_its_page_and_with_one_none_does()
    {
        await _inbox.DeliverAsync(Fixture.CustomerText("psid-one-page", DateTimeOffset.FromUnixTimeMilliseconds(1795600300000), "m_one_page", "Hello"));
        var single = Render<ConversationList>();
        single.WaitForAssertion(() => Assert.Single(single.FindAll(".conversation-row")));
        Assert.Empty(single.FindAll("[data-testid=row-page]"));

        await Services.GetRequiredService<Inbox.Core.Pages.PageStore>().AddIfMissingAsync("104857600000002", "Maison Lumière Lyon", "UTC", CancellationToken.None);
        var several = Render<ConversationList>();
        several.WaitForAssertion(() => Assert.Equal("Demo Page", several.Find("[data-testid=row-page]").TextContent));
    }

    [Fact]
    public async Task A_new_message_moves_its_conversation_to_the_top_live()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));
        var list = Render<ConversationList>();
        list.WaitForAssertion(() => Assert.Equal(3, list.FindAll(".conversation-row").Count));
        // The newest event of the batch is a Get Started button press.
        Assert.Contains("Get Started", list.FindAll(".conversation-row")[0].TextContent, StringComparison.Ordinal);

        // The oldest conversation's customer writes again: the applied change reaches the list through the live feed.
        await _inbox.DeliverAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture.Bytes("text-message.json"))
            .Replace("7100000000000001", "7100000000000003", StringComparison.Ordinal)
            .Replace("\"timestamp\":1795600000000", "\"timestamp\":1795600300000", StringComparison.Ordinal)));

        list.WaitForAssertion(() =>
        {
            var top = list.FindAll(".conversation-row")[0];
            Assert.Contains("Hello, do you ship to Lyon?", top.TextContent, StringComparison.Ordinal);
            Assert.Equal("3", top.QuerySelector(".conversation-row-unread-count")!.TextContent);
        });
        Assert.Equal(3, list.FindAll(".conversation-row").Count);
    }
}
