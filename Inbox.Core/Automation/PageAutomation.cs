using System.Globalization;
using Inbox.Core.Users;

namespace Inbox.Core.Automation;

/// <summary>A Page's automation settings.</summary>
public sealed record PageAutomation(
    string PageId,
    string TimeZone,
    string? InstantReply,
    string? AwayMessage,
    IReadOnlyList<OpeningSpan> Week,
    IReadOnlyList<DateOnly> Holidays,
    ManualStatus ManualStatus,
    DateTimeOffset? ManualStatusSince,
    string? CustomerLanguage = null)
{
    /// <summary>The language of what the Page's automation sends to customers ('en' when none was chosen).</summary>
    public CultureInfo CustomerCulture => CultureOf(CustomerLanguage);

    /// <summary>The away message offered until an admin writes their own, in the customers' language.</summary>
    public static string DefaultAwayMessage(string? customerLanguage)
    {
        var culture = CultureOf(customerLanguage);
        return CoreText.Get<PageAutomation>(culture, "DefaultAwayMessage");
    }

    /// <summary>What {back_at} looks like in the customers' language, for the settings page: "on Monday at 09:00".</summary>
    public static string BackAtExample(string? customerLanguage)
    {
        var culture = CultureOf(customerLanguage);
        return CoreText.Get<PageAutomation>(culture, "OnDay", culture.DateTimeFormat.GetDayName(DayOfWeek.Monday), "09:00");
    }

    private static CultureInfo CultureOf(string? language) => CultureInfo.GetCultureInfo(language ?? UserLanguages.Supported[0]);

    public BusinessHours Hours => new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone), Week, Holidays);

    /// <summary>Away when switched to Away, or outside the weekly hours if any are set (no hours: always available).</summary>
    public bool IsAway(DateTimeOffset now) => ManualStatus switch
    {
        ManualStatus.Away => true,
        ManualStatus.Available => false,
        _ => Week.Count > 0 && !Hours.IsOpen(now),
    };

    /// <summary>Identifies the current away period, so its away message goes out once per conversation.</summary>
    public long AwayPeriodKey(DateTimeOffset now) => ManualStatus == ManualStatus.Away
        ? (ManualStatusSince ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds()
        : Hours.NextOpening(now)?.ToUnixTimeMilliseconds() ?? long.MaxValue;

    /// <summary>
    /// "{back_at}" in words, in the Page's time zone and its customers' language: "today at 09:00", "on Monday at
    /// 09:00" ("lundi à 09:00"), or "as soon as we can".
    /// </summary>
    public string BackAt(DateTimeOffset now)
    {
        var culture = CustomerCulture;
        if (ManualStatus == ManualStatus.Away || Hours.NextOpening(now) is not { } opening)
        {
            return CoreText.Get<PageAutomation>(culture, "AsSoonAsWeCan");
        }
        var zone = Hours.Zone;
        var local = TimeZoneInfo.ConvertTime(opening, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return local.Date == today ? CoreText.Get<PageAutomation>(culture, "Today", time)
            : local.Date == today.AddDays(1) ? CoreText.Get<PageAutomation>(culture, "Tomorrow", time)
            : CoreText.Get<PageAutomation>(culture, "OnDay", local.ToString("dddd", culture), time);
    }
}
