namespace Inbox.Web;

public static class ThemeCookie
{
    /// <summary>Remembers each browser's light or dark choice; inbox.js writes it when the person switches.</summary>
    public const string Name = "inbox.theme";

    public const string Light = "light";
    public const string Dark = "dark";

    /// <summary>Whether a request asks for the dark theme; anything else is light.</summary>
    public static bool IsDark(HttpRequest request) => request.Cookies[Name] == Dark;
}
