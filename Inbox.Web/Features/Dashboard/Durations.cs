using System.Globalization;
using Inbox.Core;

namespace Inbox.Web.Features.Dashboard;

/// <summary>
/// Response times in words a manager reads at a glance, in the person's language (Durations.resx beside this file).
/// Not static only so that it can name its resources: CoreText.Get&lt;Durations&gt;.
/// </summary>
public sealed class Durations
{
    private Durations()
    {
    }

    public static string Of(double? seconds) => seconds switch
    {
        null or double.NaN => "–",
        < 60 => CoreText.Get<Durations>("Seconds", seconds.Value.ToString("0", CultureInfo.CurrentCulture)),
        < 3600 => CoreText.Get<Durations>("MinutesSeconds", (int)(seconds.Value / 60), (int)(seconds.Value % 60)),
        _ => CoreText.Get<Durations>("HoursMinutes", (int)(seconds.Value / 3600), (int)(seconds.Value % 3600 / 60)),
    };

    public static string Percent(double? value) =>
        value is { } rate ? CoreText.Get<Durations>("Percent", rate.ToString("0.#", CultureInfo.CurrentCulture)) : "–";

    /// <summary>"4:12 left" before the deadline, "2 min late" after it.</summary>
    public static string Countdown(TimeSpan left) => left >= TimeSpan.Zero
        ? CoreText.Get<Durations>("Left", (int)left.TotalMinutes, left.Seconds)
        : -left < TimeSpan.FromHours(1)
            ? CoreText.Get<Durations>("MinutesLate", (int)-left.TotalMinutes)
            : CoreText.Get<Durations>("HoursLate", (int)-left.TotalHours);
}
