namespace Inbox.Web.Components;

/// <summary>
/// Links taken from webhooks or the Graph API are only used when they are web addresses: a <c>javascript:</c> URL in a
/// payload must never become a clickable script.
/// </summary>
public static class SafeLinks
{
    /// <summary>The URL when it is https (or http, if allowed), otherwise null.</summary>
    public static string? Web(string? url, bool allowHttp = false) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            ? uri.ToString()
            : null;
}
