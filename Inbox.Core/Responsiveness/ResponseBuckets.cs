namespace Inbox.Core.Responsiveness;

/// <summary>The report's distribution of response times. Labelled when a report is built (Bucket... in the reporter's .resx).</summary>
internal static class ResponseBuckets
{
    public static readonly (string Name, double From, double To)[] All =
    [
        ("Under1Min", 0, 60),
        ("1To5Min", 60, 300),
        ("5To15Min", 300, 900),
        ("15To60Min", 900, 3600),
        ("1To4Hours", 3600, 4 * 3600),
        ("4To24Hours", 4 * 3600, double.PositiveInfinity),
        ("NotAnswered", double.PositiveInfinity, double.PositiveInfinity),
    ];

    public static int Missed => All.Length - 1;

    public static int Of(long milliseconds)
    {
        var seconds = milliseconds / 1000.0;
        var i = 0;
        while (seconds >= All[i].To)
        {
            i++;
        }
        return i;
    }
}
