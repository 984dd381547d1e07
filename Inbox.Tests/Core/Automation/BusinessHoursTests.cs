using Inbox.Core.Automation;

namespace Inbox.Tests.Core.Automation;

public sealed class BusinessHoursTests
{
    private static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo s_newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly OpeningSpan[] s_weekdays =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new OpeningSpan(day, new TimeOnly(9, 0), new TimeOnly(18, 0))),
    ];

    [Theory]
    [InlineData("2026-11-23T08:59:00+01:00", false)] // Monday, a minute before opening
    [InlineData("2026-11-23T09:00:00+01:00", true)]
    [InlineData("2026-11-23T17:59:59+01:00", true)]
    [InlineData("2026-11-23T18:00:00+01:00", false)] // closing is exclusive
    [InlineData("2026-11-28T12:00:00+01:00", false)] // Saturday
    public void Open_during_the_weekly_hours_in_the_pages_time_zone(string instant, bool open)
    {
        Assert.Equal(open, new BusinessHours(s_paris, s_weekdays, []).IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_same_instant_is_open_in_paris_and_closed_in_new_york()
    {
        var instant = DateTimeOffset.Parse("2026-11-23T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture); // 04:00 in New York

        Assert.True(new BusinessHours(s_paris, s_weekdays, []).IsOpen(instant));
        Assert.False(new BusinessHours(s_newYork, s_weekdays, []).IsOpen(instant));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture), new BusinessHours(s_newYork, s_weekdays, []).NextOpening(instant));
    }

    [Fact]
    public void After_friday_closing_the_next_opening_is_monday_morning()
    {
        var hours = new BusinessHours(s_paris, s_weekdays, []);

        Assert.Equal(DateTimeOffset.Parse("2026-11-30T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            hours.NextOpening(DateTimeOffset.Parse("2026-11-27T18:30:00+01:00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Just_before_midnight_the_next_opening_is_the_next_morning()
    {
        var hours = new BusinessHours(s_paris, s_weekdays, []);

        Assert.Equal(DateTimeOffset.Parse("2026-11-24T09:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture),
            hours.NextOpening(DateTimeOffset.Parse("2026-11-23T23:59:00+01:00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_holiday_is_closed_and_skipped()
    {
        var hours = new BusinessHours(s_paris, s_weekdays, [new DateOnly(2026, 12, 25)]);

        Assert.False(hours.IsOpen(DateTimeOffset.Parse("2026-12-25T11:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(DateTimeOffset.Parse("2026-12-28T09:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture),
            hours.NextOpening(DateTimeOffset.Parse("2026-12-24T19:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Nine_oclock_stays_nine_oclock_across_the_autumn_change()
    {
        // Paris leaves summer time on Sunday 25 October 2026: Friday 09:00 is 07:00 UTC, Monday 09:00 is 08:00 UTC.
        var hours = new BusinessHours(s_paris, s_weekdays, []);

        Assert.Equal(DateTimeOffset.Parse("2026-10-23T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            hours.NextOpening(DateTimeOffset.Parse("2026-10-23T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(DateTimeOffset.Parse("2026-10-26T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            hours.NextOpening(DateTimeOffset.Parse("2026-10-23T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_opening_in_the_spring_forward_gap_opens_when_the_clock_jumps()
    {
        // Sunday 28 March 2027 in Paris: 02:00 becomes 03:00, so a 02:30 opening happens at 03:00 local (01:00 UTC).
        var hours = new BusinessHours(s_paris, [new OpeningSpan(DayOfWeek.Sunday, new TimeOnly(2, 30), new TimeOnly(12, 0))], []);

        Assert.Equal(DateTimeOffset.Parse("2027-03-28T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            hours.NextOpening(DateTimeOffset.Parse("2027-03-27T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(hours.IsOpen(DateTimeOffset.Parse("2027-03-28T01:30:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_page_with_no_hours_never_opens()
    {
        Assert.Null(new BusinessHours(s_paris, [], []).NextOpening(DateTimeOffset.UtcNow));
    }
}
