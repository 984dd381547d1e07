using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Inbox.Core.Operations;

/// <summary>
/// The "Inbox" meter's counters added up since this process started, by instrument and by the tag that tells their
/// kinds apart (a send's result and Meta code, a refusal's reason), and the recent webhook-to-push times: what the
/// System page shows in words, read from the same instruments /metrics serves.
/// </summary>
public sealed class MetricTotals : IDisposable
{
    private const int RecentTimes = 1_000;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly double[] _pushSeconds = new double[RecentTimes];
    private long _pushCount;

    public MetricTotals()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == InboxMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            foreach (var tag in tags)
            {
                _totals.AddOrUpdate($"{instrument.Name}|{tag.Key}={tag.Value}", value, (_, total) => total + value);
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "inbox.webhook_to_push.duration")
            {
                _pushSeconds[(Interlocked.Increment(ref _pushCount) - 1) % RecentTimes] = value;
            }
        });
        _listener.Start();
    }

    /// <summary>The total of an instrument, or of its measurements with one tag value ("inbox.sends", "result", "sent").</summary>
    public long Total(string instrument, string? tag = null, object? value = null) =>
        _totals.GetValueOrDefault(tag is null ? instrument : $"{instrument}|{tag}={value}");

    /// <summary>Every value a tag took, with its total ("inbox.sends", "code" gives each Meta error code's count).</summary>
    public IReadOnlyList<(string Value, long Total)> ByTag(string instrument, string tag)
    {
        var prefix = $"{instrument}|{tag}=";
        return [.. _totals.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(pair => (pair.Key[prefix.Length..], pair.Value))
            .OrderByDescending(pair => pair.Value)];
    }

    /// <summary>The given percentile (0..1) of the last 1,000 webhook-to-push times, in seconds; null before any.</summary>
    public double? PushPercentile(double percentile)
    {
        var count = (int)Math.Min(Interlocked.Read(ref _pushCount), RecentTimes);
        if (count == 0)
        {
            return null;
        }
        var sorted = _pushSeconds[..count];
        Array.Sort(sorted);
        return sorted[(int)Math.Min(count - 1, Math.Floor(percentile * count))];
    }

    public void Dispose() => _listener.Dispose();
}
