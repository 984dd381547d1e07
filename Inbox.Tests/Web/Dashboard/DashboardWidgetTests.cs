using Bunit;
using Inbox.Core.Responsiveness;
using Inbox.Web.Components;
using Inbox.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Web.Dashboard;

public sealed class DashboardWidgetTests : Inbox.Tests.Support.MudComponentTest
{
    private static readonly ResponsivenessTargets s_targets = ResponsivenessTargets.FiveMinuteRule;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public DashboardWidgetTests()
    {
        Services.AddLocalization();
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddScoped<BrowserClock>();
    }

    [Theory]
    [InlineData(95.0, 200.0, true, "Very responsive", "badge-card-earned")]
    [InlineData(85.0, 200.0, false, "Not very responsive yet", "badge-card-missed")]
    [InlineData(null, null, null, "No answered messages to measure yet", "badge-card-empty")]
    public void A_badge_card_says_where_the_page_stands_against_each_target(double? rate, double? median, bool? badge, string state, string css)
    {
        var figures = new ResponsivenessFigures(20, 19, 1, 0, rate, median, badge);

        var card = Render<BadgeCard>(p => p.Add(c => c.Name, "Maison Lumière").Add(c => c.Figures, figures).Add(c => c.Targets, s_targets));

        Assert.Equal(state, card.Find(".badge-card-state").TextContent);
        Assert.Contains(css, card.Find(".badge-card").ClassName, StringComparison.Ordinal);
        if (rate is not null)
        {
            Assert.Equal(rate >= 90 ? "on-target" : "off-target", card.FindAll("dd")[0].ClassName);
            Assert.Equal("3 min 20 s", card.FindAll("dd")[1].FirstChild!.TextContent.Trim());
        }
    }

    [Fact]
    public void A_badge_earned_with_messages_waiting_says_what_it_becomes_if_they_are_not_answered_in_time()
    {
        // One answered in 2 minutes, four still waiting: 100% as it stands, 20% if the four are missed.
        var figures = ResponsivenessFigures.From([120.0], missed: 0, pending: 4, s_targets);

        var card = Render<BadgeCard>(p => p.Add(c => c.Name, "Maison Lumière").Add(c => c.Figures, figures).Add(c => c.Targets, s_targets));

        Assert.Equal("Very responsive", card.Find(".badge-card-state").TextContent);
        var projection = card.Find("[data-testid=badge-projection]");
        Assert.Equal("If the 4 messages waiting are not answered in time: 20%, Not very responsive yet.", projection.TextContent.Trim());
        Assert.Contains("badge-card-projection-drop", projection.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_waiting_needs_no_projection()
    {
        var card = Render<BadgeCard>(p => p.Add(c => c.Name, "Maison Lumière").Add(c => c.Figures, ResponsivenessFigures.From([60.0], 0, 0, s_targets)).Add(c => c.Targets, s_targets));

        Assert.Empty(card.FindAll("[data-testid=badge-projection]"));
    }

    [Fact]
    public void The_at_risk_list_counts_down_and_turns_amber_then_red()
    {
        var start = _time.GetUtcNow();
        AtRiskMessage Waiting(long id, TimeSpan ago) => new()
        {
            ConversationId = id, MessageId = id, PageName = "Maison Lumière", ContactName = $"Customer {id}", Psid = "p",
            ReceivedAt = (start - ago).ToUnixTimeMilliseconds(), ClockStartAt = (start - ago).ToUnixTimeMilliseconds(), MessageText = "Hello?",
        };
        var items = new[] { Waiting(1, TimeSpan.FromMinutes(6)), Waiting(2, TimeSpan.FromMinutes(3)), Waiting(3, TimeSpan.FromSeconds(30)) };

        var list = Render<AtRiskList>(p => p.Add(l => l.Items, items).Add(l => l.Targets, s_targets));

        var rows = list.FindAll(".at-risk-item");
        Assert.Equal(["at-risk-late", "at-risk-near", "at-risk-calm"], rows.Select(r => r.ClassList[^1]));
        Assert.Equal(["1 min late", "2:00 left", "4:30 left"], list.FindAll(".at-risk-countdown").Select(c => c.TextContent.Trim()));

        _time.Advance(TimeSpan.FromSeconds(31));
        list.WaitForAssertion(() => Assert.Equal("3:59 left", list.FindAll(".at-risk-countdown")[2].TextContent.Trim()));
    }

    [Fact]
    public void With_nothing_waiting_the_at_risk_list_says_so()
    {
        var list = Render<AtRiskList>(p => p.Add(l => l.Items, []).Add(l => l.Targets, s_targets));

        Assert.Contains("Every new message has been answered", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bar_drills_down_to_what_is_behind_it_and_empty_bars_cannot_be_picked()
    {
        BarChart.Bar? picked = null;
        var bars = new[] { new BarChart.Bar("a", "Mon 23", 80, "80%"), new BarChart.Bar("b", "Tue 24", 0, "–") };

        var chart = Render<BarChart>(p => p.Add(c => c.Title, "Response rate per day").Add(c => c.Bars, bars).Add(c => c.OnPick, bar => picked = bar));
        chart.FindAll(".bar-chart-bar")[0].Click();

        Assert.Equal("a", picked?.Key);
        Assert.True(chart.FindAll(".bar-chart-bar")[1].HasAttribute("disabled"));
        Assert.Equal("Mon 23: 80%", chart.FindAll(".bar-chart-bar")[0].GetAttribute("aria-label"));
    }

    [Fact]
    public void The_heatmap_has_a_cell_per_weekday_and_hour_and_a_busy_cell_drills_down()
    {
        var cells = (from day in Enum.GetValues<DayOfWeek>() from hour in Enumerable.Range(0, 24)
                     select new HeatCell(day, hour, day == DayOfWeek.Tuesday && hour == 14 ? 7 : 0, null)).ToList();
        HeatCell? picked = null;

        var heatmap = Render<HeatmapTable>(p => p.Add(h => h.Cells, cells).Add(h => h.OnPick, cell => picked = cell));

        Assert.Equal(7 * 24, heatmap.FindAll(".heatmap-cell").Count);
        heatmap.Find(".heatmap-cell[data-day=Tuesday][data-hour='14']").Click();
        Assert.Equal((DayOfWeek.Tuesday, 14), (picked?.Day, picked?.Hour));
        Assert.Equal("7", heatmap.Find(".heatmap-cell[data-day=Tuesday][data-hour='14']").TextContent);
    }

    [Fact]
    public void The_agent_table_lists_first_responses_and_medians()
    {
        var agents = new[] { new AgentFigures(1, "agent", "Camille Dubois", 12, 150), new AgentFigures(null, "bot", "FAQ bot", 4, 2) };

        var table = Render<AgentTable>(p => p.Add(t => t.Agents, agents).Add(t => t.Targets, s_targets));

        Assert.Equal(["Camille Dubois", "FAQ bot"], table.FindAll("tbody tr td:first-child").Select(c => c.TextContent));
        Assert.Equal("2 min 30 s", table.FindAll("tbody tr")[0].Children[2].TextContent);
    }
}
