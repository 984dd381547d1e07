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
}
