using Inbox.Web.Cli.Bench;

namespace Inbox.Tests.Web.Bench;

public sealed class AlternatingSlicesTests
{
    [Fact]
    public async Task Bare_and_inbox_alternate_which_goes_first_and_each_pair_gives_one_ratio()
    {
        var order = new List<string>();
        var perSecond = new Dictionary<string, Queue<int>> { ["bare"] = new([1000, 1000, 1000, 1000]), ["inbox"] = new([500, 600, 400, 700]) };
        var slices = new AlternatingSlices(TextWriter.Null, 4, TimeSpan.FromSeconds(1));

        var result = await slices.RunAsync("bare", "inbox", (target, duration) =>
        {
            order.Add(target);
            return Task.FromResult(new LatencyStats(perSecond[target].Dequeue(), 0, duration, 1, 2, 3));
        }, (inbox, bare) => inbox.PerSecond / bare.PerSecond, CancellationToken.None);

        Assert.Equal(["bare", "inbox", "inbox", "bare", "bare", "inbox", "inbox", "bare"], order);
        Assert.Equal([0.5, 0.6, 0.4, 0.7], result.Ratios);
        Assert.Equal(0.55, result.Median, 3);
        Assert.Equal("0.40 to 0.70", result.Spread);
    }
}
