using System.Text.RegularExpressions;
using Inbox.Tests.Support;
using Inbox.Tests.Web.Nodes;
using Inbox.Web.Cli.Bench;

namespace Inbox.Tests.Web.Bench;

/// <summary>
/// <c>bench circuits</c> against a real server process: its tabs speak the Blazor Server protocol, so a new customer's
/// message must reach every tab's render batches, and a change must not cost the database more with more tabs. In the
/// several-node collection: its two nodes publish on the Redis the other several-node tests share.
/// </summary>
[Collection(nameof(SeveralNodes))]
public sealed partial class CircuitsBenchTests
{
    [Fact]
    public async Task Every_tab_receives_every_new_conversation_and_more_tabs_cost_the_database_no_more_per_delivery()
    {
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        await CircuitsBench.RunAsync(output, tabCount: 8, perSecond: 10, TimeSpan.FromSeconds(2), timeout.Token);

        var report = output.ToString();
        var phases = Phase().Matches(report);
        Assert.True(phases.Count == 2, report);
        foreach (Match phase in phases)
        {
            Assert.True(phase.Groups["never"].Value == "0", report);
        }
        Assert.Equal("20", phases[0].Groups["seen"].Value);
        Assert.Equal("160", phases[1].Groups["seen"].Value);
        Assert.DoesNotContain("circuits failed", report, StringComparison.Ordinal);
        var perDelivery = PerDelivery().Match(report);
        Assert.True(perDelivery.Success, report);
        // Eight tabs reading for themselves would cost at least seven more connections per delivery than one (about
        // 1.45x). Twenty deliveries a phase leave the ratio itself a spread of 0.8x to 1.2x (where a phase's window ends
        // among the profile lookups and shared readings it started), so the bound sits between the two.
        Assert.True(double.Parse(perDelivery.Groups["ratio"].Value, System.Globalization.CultureInfo.InvariantCulture) < 1.3, report);
    }

    [SeveralNodesFact]
    public async Task With_two_nodes_every_row_sent_to_one_reaches_every_tab_on_the_other()
    {
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        await CircuitsBench.RunAsync(output, tabCount: 2, perSecond: 10, TimeSpan.FromSeconds(2), timeout.Token,
            PostgresServer.Server, Environment.GetEnvironmentVariable(TwoNodes.RedisVariable));

        var report = output.ToString();
        Assert.Contains("(PostgreSQL and Redis)", report, StringComparison.Ordinal);
        var phases = Phase().Matches(report);
        Assert.True(phases.Count == 2 && phases.All(phase => phase.Groups["never"].Value == "0"), report);
        Assert.Equal(["20", "40"], phases.Select(phase => phase.Groups["seen"].Value));
    }

    [GeneratedRegex(@"\((?<seen>[\d,]+) rows seen, (?<never>[\d,]+) never shown")]
    private static partial Regex Phase();

    [GeneratedRegex(@"database connections per delivery: .* \((?<ratio>[\d.]+)x\)")]
    private static partial Regex PerDelivery();
}
