namespace Inbox.Web.Auth;

public static class LocalUrl
{
    /// <summary>
    /// The URL if it stays on this site, else "/": a sign-in link must not send people elsewhere. What is not printable
    /// ASCII is percent-encoded, as a Location header requires (a return URL with "é" or a line break must not fail).
    /// </summary>
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? Escaped(url) : "/";

    private static string Escaped(string url)
    {
        if (url.All(character => character is > ' ' and < (char)127))
        {
            return url;
        }
        var escaped = new System.Text.StringBuilder(url.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 127)
            {
                escaped.Append((char)rune.Value);
                continue;
            }
            foreach (var value in bytes[..rune.EncodeToUtf8(bytes)])
            {
                escaped.Append('%').Append(value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return escaped.ToString();
    }
}
