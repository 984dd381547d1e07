using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Inbox.Web.Components;

/// <summary>
/// Times shown in the viewer's own time zone, known from the first render: the browser sends it in a cookie with every
/// request (<see cref="TimeZoneCookie"/>), and the person's last one is stored with them for a browser that has not yet.
/// </summary>
public sealed class BrowserClock(IJSRuntime js, TimeProvider time, IStringLocalizer<BrowserClock> L)
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool _asked;

    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>Takes the zone a request or the person's record names (an IANA id); an unknown one is ignored.</summary>
    public void Use(string? timeZone)
    {
        if (timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            _zone = zone;
        }
    }

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
