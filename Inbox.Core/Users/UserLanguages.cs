namespace Inbox.Core.Users;

/// <summary>The languages Inbox's interface speaks; the first is the default.</summary>
public static class UserLanguages
{
    public static readonly IReadOnlyList<string> Supported = ["en", "fr"];

    public static bool IsSupported(string language) => Supported.Contains(language, StringComparer.Ordinal);
}
