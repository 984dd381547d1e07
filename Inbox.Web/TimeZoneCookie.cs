namespace Inbox.Web;

/// <summary>The browser's IANA time zone, which inbox.js writes into a cookie on every page.</summary>
public static class TimeZoneCookie
{
    public const string Name = "inbox.tz";

    /// <summary>The zone a request names, if it is one this server knows.</summary>
    public static string? FromRequest(HttpRequest request) =>
        request.Cookies[Name] is { Length: > 0 and < 64 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;
}
