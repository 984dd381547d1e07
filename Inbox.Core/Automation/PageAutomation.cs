namespace Inbox.Core.Automation;

public enum ManualStatus
{
    /// <summary>Follow the business hours.</summary>
    Auto,
    Available,
    Away,
}

/// <summary>A Page's automation settings.</summary>
public sealed record PageAutomation(
    string PageId,
    string TimeZone,
    string? InstantReply,
    string? AwayMessage,
    IReadOnlyList<OpeningSpan> Week,
    IReadOnlyList<DateOnly> Holidays,
    ManualStatus ManualStatus,
    DateTimeOffset? ManualStatusSince)
{
    public const string DefaultAwayMessage = "Thanks for your message! We're away right now and will answer {back_at}.";

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

    /// <summary>"{back_at}" in words, in the Page's time zone: "at 09:00", "Monday at 09:00", or "as soon as we can".</summary>
    public string BackAt(DateTimeOffset now)
    {
        if (ManualStatus == ManualStatus.Away || Hours.NextOpening(now) is not { } opening)
        {
            return "as soon as we can";
        }
        var zone = Hours.Zone;
        var local = TimeZoneInfo.ConvertTime(opening, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return local.Date == today ? $"today at {local:HH:mm}"
            : local.Date == today.AddDays(1) ? $"tomorrow at {local:HH:mm}"
            : $"on {local.ToString("dddd", culture)} at {local:HH:mm}";
    }
}
