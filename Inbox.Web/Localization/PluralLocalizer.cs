using Inbox.Core;
using Microsoft.Extensions.Localization;

namespace Inbox.Web.Localization;

/// <summary>Counted texts: a resource pair Key_One / Key_Other, chosen by each language's own rule.</summary>
public static class PluralLocalizer
{
    public static LocalizedString Plural(this IStringLocalizer localizer, string key, long count, params object[] more) =>
        localizer[$"{key}_{(CoreText.IsOne(count) ? "One" : "Other")}", [count, .. more]];
}
