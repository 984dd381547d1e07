using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Inbox.Web.Components;

/// <summary>
/// Times shown in the browser's own time zone. The server cannot know it until the circuit asks the browser,
/// so until then times are shown in UTC.
/// </summary>
public sealed class BrowserClock(IJSRuntime js, TimeProvider time, IStringLocalizer<BrowserClock> L)
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool _asked;

    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>Asks the browser once per circuit; returns true when the zone changed.</summary>
    public async Task<bool> LearnTimeZoneAsync()
    {
        if (_asked)
        {
            return false;
        }
        _asked = true;
        var id = await js.InvokeAsync<string?>("inbox.timeZone");
        if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.Id != _zone.Id)
        {
            _zone = zone;
            return true;
        }
        return false;
    }

    /// <summary>"now", "5 min", "3 h", "2 d" ("maintenant", "2 j" in French): how long ago, short enough for a list row.</summary>
    public string Ago(DateTimeOffset instant)
    {
        var elapsed = time.GetUtcNow() - instant;
        return elapsed.TotalMinutes < 1 ? L["Now"]
            : elapsed.TotalHours < 1 ? L["Minutes", (int)elapsed.TotalMinutes]
            : elapsed.TotalDays < 1 ? L["Hours", (int)elapsed.TotalHours]
            : L["Days", (int)elapsed.TotalDays];
    }
}
