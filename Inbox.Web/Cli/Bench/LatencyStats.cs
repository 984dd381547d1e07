namespace Inbox.Web.Cli.Bench;

/// <summary>Throughput and latency percentiles of one measured run.</summary>
public sealed record LatencyStats(int Count, int Errors, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public static LatencyStats From(List<double> latenciesMs, int errors, TimeSpan elapsed)
    {
        latenciesMs.Sort();
        return new LatencyStats(latenciesMs.Count, errors, elapsed, Percentile(latenciesMs, 0.50), Percentile(latenciesMs, 0.95), Percentile(latenciesMs, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public override string ToString() =>
        $"{PerSecond,10:N0}/s  p50 {P50Ms,7:N2} ms  p95 {P95Ms,7:N2} ms  p99 {P99Ms,7:N2} ms  ({Count:N0} ok, {Errors:N0} errors, {Elapsed.TotalSeconds:N1} s)";
}
