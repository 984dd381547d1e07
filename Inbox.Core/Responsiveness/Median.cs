namespace Inbox.Core.Responsiveness;

public static class Median
{
    /// <summary>The middle value, or the mean of the two middle values for an even count; null when empty.</summary>
    public static double? Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The same median in seconds, of response times in milliseconds held as sorted runs (<paramref name="count"/>
    /// values in all), found without merging them: a month's report takes a dozen medians over up to a quarter of a
    /// million values, in runs of an hour each.
    /// </summary>
    public static double? OfSortedRuns(IReadOnlyList<long[]> runs, int count)
    {
        if (count == 0)
        {
            return null;
        }
        var upper = Smallest(runs, count / 2);
        return count % 2 == 1 ? upper / 1000.0 : (Below(runs, upper, count / 2) / 1000.0 + upper / 1000.0) / 2;
    }

    // The value just before the k-th smallest (from 0), which is upper: upper again when it repeats there, otherwise
    // the largest value below it. One pass instead of a second search.
    private static long Below(IReadOnlyList<long[]> runs, long upper, int k)
    {
        var below = 0;
        var largest = long.MinValue;
        foreach (var run in runs)
        {
            var n = AtOrBelow(run, upper - 1);
            below += n;
            if (n > 0)
            {
                largest = Math.Max(largest, run[n - 1]);
            }
        }
        return below < k ? upper : largest;
    }

    // The k-th smallest value (from 0): the least value v with more than k values at or below it, found by halving
    // the range of values, each step counting with a binary search in every run.
    private static long Smallest(IReadOnlyList<long[]> runs, int k)
    {
        var low = long.MaxValue;
        var high = long.MinValue;
        foreach (var run in runs)
        {
            low = Math.Min(low, run[0]);
            high = Math.Max(high, run[^1]);
        }
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            var atOrBelow = 0;
            foreach (var run in runs)
            {
                atOrBelow += AtOrBelow(run, middle);
            }
            if (atOrBelow > k)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return low;
    }

    private static int AtOrBelow(long[] run, long value)
    {
        int low = 0, high = run.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (run[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
