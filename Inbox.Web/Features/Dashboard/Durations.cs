using System.Globalization;

namespace Inbox.Web.Features.Dashboard;

/// <summary>Response times in words a manager reads at a glance.</summary>
public static class Durations
{
    public static string Of(double? seconds) => seconds switch
    {
        null or double.NaN => "–",
        < 60 => $"{seconds.Value:0} s",
        < 3600 => $"{(int)(seconds.Value / 60)} min {(int)(seconds.Value % 60):00} s",
        _ => $"{(int)(seconds.Value / 3600)} h {(int)(seconds.Value % 3600 / 60):00} min",
    };

    public static string Percent(double? value) => value is { } rate ? rate.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>"4:12 left" before the deadline, "2 min late" after it.</summary>
    public static string Countdown(TimeSpan left) => left >= TimeSpan.Zero
        ? $"{(int)left.TotalMinutes}:{left.Seconds:00} left"
        : -left < TimeSpan.FromHours(1) ? $"{(int)-left.TotalMinutes} min late" : $"{(int)-left.TotalHours} h late";
}
