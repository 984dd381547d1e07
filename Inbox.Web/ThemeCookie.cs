namespace Inbox.Web;

public static class ThemeCookie
{
    /// <summary>Remembers each browser's light or dark choice.</summary>
    public const string Name = "inbox.theme";

    public const string Light = "material";
    public const string Dark = "material-dark";

    /// <summary>The theme a request asks for, restricted to the two we ship.</summary>
    public static string FromRequest(HttpRequest request) =>
        request.Cookies[Name] == Dark ? Dark : Light;
}
