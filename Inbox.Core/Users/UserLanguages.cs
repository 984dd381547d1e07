using System.Globalization;

namespace Inbox.Core.Users;

/// <summary>The languages Inbox's interface speaks; the first is the default.</summary>
public static class UserLanguages
{
    public static readonly IReadOnlyList<string> Supported = ["en", "fr"];

    public static bool IsSupported(string language) => Supported.Contains(language, StringComparer.Ordinal);

    /// <summary>A language in its own words ("Français"), whatever language the page around it is in.</summary>
    public static string NativeName(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        return culture.TextInfo.ToTitleCase(culture.NativeName);
    }
}
