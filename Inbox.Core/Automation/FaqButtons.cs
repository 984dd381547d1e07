using System.Globalization;
using Inbox.Core.Users;

namespace Inbox.Core.Automation;

/// <summary>
/// The two buttons under every FAQ answer, titled in the Page's customer language. Messenger sends a button's title
/// back as its payload, so a tap is recognised in any language Inbox speaks (the Page's language may have changed
/// since the answer went out).
/// </summary>
public sealed class FaqButtons
{
    private FaqButtons()
    {
    }

    public static IReadOnlyList<string> In(CultureInfo culture) =>
        [CoreText.Get<FaqButtons>(culture, "Helped"), CoreText.Get<FaqButtons>(culture, "TalkToPerson")];

    public static bool IsHelped(string? payload) => Means(payload, "Helped");

    public static bool IsTalkToPerson(string? payload) => Means(payload, "TalkToPerson");

    private static bool Means(string? payload, string key) =>
        payload is not null && UserLanguages.Supported.Any(language => CoreText.Get<FaqButtons>(CultureInfo.GetCultureInfo(language), key) == payload);
}
