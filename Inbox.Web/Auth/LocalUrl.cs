namespace Inbox.Web.Auth;

public static class LocalUrl
{
    /// <summary>The URL if it stays on this site, else "/": a sign-in link must not send people elsewhere.</summary>
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
