using System.Globalization;
using Inbox.Core;
using Inbox.Core.Automation;
using Inbox.Core.Users;

namespace Inbox.Web.Features.Settings;

/// <summary>The editable shape of a Page's automation: one row per weekday, holidays as text.</summary>
public sealed class AutomationForm
{
    public string TimeZone { get; private init; } = "UTC";
    public string? InstantReply { get; set; }
    public string? AwayMessage { get; set; }
    public string CustomerLanguage { get; private set; } = UserLanguages.Supported[0];
    public string Holidays { get; set; } = "";
    public IReadOnlyList<DayRow> Days { get; private init; } = [];

    public sealed class DayRow
    {
        public DayOfWeek Day { get; init; }
        public bool Open { get; set; }
        public TimeOnly Opens { get; set; } = new(9, 0);
        public TimeOnly Closes { get; set; } = new(18, 0);
    }

    private static readonly DayOfWeek[] s_mondayFirst =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static AutomationForm From(PageAutomation automation) => new()
    {
        TimeZone = automation.TimeZone,
        InstantReply = automation.InstantReply,
        CustomerLanguage = automation.CustomerLanguage ?? UserLanguages.Supported[0],
        AwayMessage = automation.AwayMessage ?? PageAutomation.DefaultAwayMessage(automation.CustomerLanguage),
        Holidays = string.Join(", ", automation.Holidays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        Days = [.. s_mondayFirst.Select(day => automation.Week.FirstOrDefault(s => s.Day == day) is { } span
            ? new DayRow { Day = day, Open = true, Opens = span.Opens, Closes = span.Closes }
            : new DayRow { Day = day })],
    };

    /// <summary>Customers get automatic messages in this language; an away message still the default follows it.</summary>
    public void ChangeCustomerLanguage(string language)
    {
        if (AwayMessage == PageAutomation.DefaultAwayMessage(CustomerLanguage))
        {
            AwayMessage = PageAutomation.DefaultAwayMessage(language);
        }
        CustomerLanguage = language;
    }

    /// <summary>The form applied to the stored automation; <paramref name="notADate"/> words the refusal of a holiday that is not YYYY-MM-DD.</summary>
    public PageAutomation ApplyTo(PageAutomation current, Func<string, string> notADate)
    {
        var holidays = new List<DateOnly>();
        foreach (var text in Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            holidays.Add(DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new UserInputException(notADate(text)));
        }
        return current with
        {
            InstantReply = InstantReply,
            AwayMessage = AwayMessage,
            CustomerLanguage = CustomerLanguage,
            Week = [.. Days.Where(d => d.Open).Select(d => new OpeningSpan(d.Day, d.Opens, d.Closes))],
            Holidays = holidays,
        };
    }
}
