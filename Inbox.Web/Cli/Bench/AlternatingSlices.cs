using System.Globalization;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// The yardstick and Inbox measured in alternating short slices (bare, Inbox, Inbox, bare, ...), so both see the same
/// machine: this machine's speed drifts by a factor of three over a day, and a bare phase run a minute before the Inbox
/// phase moved the ratio by a factor of two. Each pair of neighbouring slices gives one ratio; the report is their
/// median and spread.
/// </summary>
internal sealed class AlternatingSlices(TextWriter output, int slices, TimeSpan sliceDuration)
{
    public sealed record Result(IReadOnlyList<double> Ratios)
    {
        public double Median
        {
            get
            {
                var sorted = Ratios.Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            }
        }

        public string Spread => string.Create(CultureInfo.InvariantCulture, $"{Ratios.Min():0.00} to {Ratios.Max():0.00}");
    }

    /// <summary>Runs <paramref name="measure"/> against each target in turn; <paramref name="ratio"/> compares a pair.</summary>
    public async Task<Result> RunAsync<TTarget>(TTarget bare, TTarget inbox, Func<TTarget, TimeSpan, Task<LatencyStats>> measure,
        Func<LatencyStats, LatencyStats, double> ratio, CancellationToken cancellationToken)
    {
        var ratios = new List<double>();
        for (var slice = 0; slice < slices; slice++)
        {
            // The order flips every slice, so neither side always runs just after the other's load.
            var bareFirst = slice % 2 == 0;
            var first = await measure(bareFirst ? bare : inbox, sliceDuration);
            var second = await measure(bareFirst ? inbox : bare, sliceDuration);
            var (b, i) = bareFirst ? (first, second) : (second, first);
            ratios.Add(ratio(i, b));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  slice {slice + 1}  bare {b}"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"           inbox {i}   ratio {ratios[^1]:0.00}"));
            cancellationToken.ThrowIfCancellationRequested();
        }
        return new Result(ratios);
    }
}
