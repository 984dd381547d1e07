namespace Inbox.Core.Automation;

/// <summary>One opening span on a weekday, in the Page's local time; closing is exclusive.</summary>
public sealed record OpeningSpan(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// A Page's weekly hours in its own time zone, with holidays. Daylight-saving changes are handled by working in
/// local time and converting only the instants asked about: an opening that falls in the spring-forward gap opens
/// when the clock jumps, and "09:00" stays 09:00 on both sides of a change.
/// </summary>
public sealed class BusinessHours(TimeZoneInfo zone, IReadOnlyList<OpeningSpan> week, IReadOnlyCollection<DateOnly> holidays)
{
    private const int DaysToSearch = 60;

    public TimeZoneInfo Zone => zone;

    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        if (holidays.Contains(DateOnly.FromDateTime(local)))
        {
            return false;
        }
        var time = TimeOnly.FromDateTime(local);
        return week.Any(span => span.Day == local.DayOfWeek && span.Opens <= time && time < span.Closes);
    }

    /// <summary>The next moment the Page opens after <paramref name="instant"/>; null if it never does in the next 60 days.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset instant)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        for (var day = 0; day <= DaysToSearch; day++)
        {
            var date = localDate.AddDays(day);
            if (holidays.Contains(date))
            {
                continue;
            }
            foreach (var span in week.Where(s => s.Day == date.DayOfWeek).OrderBy(s => s.Opens))
            {
                var opening = ToInstant(date.ToDateTime(span.Opens));
                if (opening > instant)
                {
                    return opening;
                }
            }
        }
        return null;
    }

    private DateTimeOffset ToInstant(DateTime local)
    {
        // A local time skipped by a spring-forward change happens as soon as the clock jumps past it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
