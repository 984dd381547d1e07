using System.Text.RegularExpressions;
using Inbox.Tests.Support;
using Inbox.Web.Cli.Bench;

namespace Inbox.Tests.Web.Bench;

/// <summary><c>bench tabs</c> holds real circuits open on a running server, rendering its changes, until stopped.</summary>
public sealed partial class HeldTabsTests
{
    [Fact]
    public async Task The_held_tabs_are_circuits_that_render_the_servers_changes_until_stopped()
    {
        await using var app = new InboxAppFactory();
        var url = new Uri(app.StartOnLoopback() + "/");
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();

        var holding = HeldTabs.RunAsync(output, url, 3, TimeSpan.FromMinutes(2), stop.Token);
        await Eventually.TrueAsync(() => Task.FromResult(output.ToString().Contains("holding 3 tabs", StringComparison.Ordinal)), "the tabs to open");
        await app.PostSignedWebhookAsync(Fixture.CustomerText("psid-held-tabs", app.Service<TimeProvider>().GetUtcNow(), "m_held_tabs", "Held tabs see this"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await holding;

        var held = Held().Match(output.ToString());
        Assert.True(held.Success, output.ToString());
        // Each tab's first render, and at least one more for the new conversation.
        Assert.True(int.Parse(held.Groups["batches"].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) >= 6, output.ToString());
        Assert.Equal("0", held.Groups["failed"].Value);
    }

    [GeneratedRegex(@"held 3 tabs: (?<batches>[\d,]+) render batches, (?<failed>\d+) circuits failed")]
    private static partial Regex Held();
}
