using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace Inbox.Core;

/// <summary>
/// Sentences Core says to people (validation, Meta's refusals), read from a resource pair beside the class that says
/// them (UserStore.resx, UserStore.fr.resx) in the current UI language: the person's, on a request or a circuit.
/// </summary>
public static class CoreText
{
    private static readonly ConcurrentDictionary<Type, ResourceManager> s_resources = new();

    public static string Get<TOwner>(string key, params object?[] args)
    {
        var text = Text<TOwner>(CultureInfo.CurrentUICulture, key);
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }

    /// <summary>In a given language rather than the person's: what is sent to customers is in the Page's.</summary>
    public static string Get<TOwner>(CultureInfo culture, string key, params object?[] args)
    {
        var text = Text<TOwner>(culture, key);
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }

    private static string Text<TOwner>(CultureInfo culture, string key) =>
        s_resources.GetOrAdd(typeof(TOwner), owner => new ResourceManager(owner)).GetString(key, culture)
            ?? throw new InvalidOperationException($"{typeof(TOwner).Name}.resx has no text '{key}'.");

    /// <summary>Runs <paramref name="read"/> as if the person spoke <paramref name="culture"/>'s language.</summary>
    public static T InLanguage<T>(CultureInfo culture, Func<T> read)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    /// <summary>A counted text: Key_One or Key_Other by the language's rule (French counts 0 as one).</summary>
    public static string Plural<TOwner>(string key, long count, params object?[] args) =>
        Get<TOwner>($"{key}_{(IsOne(count) ? "One" : "Other")}", [count, .. args]);

    public static bool IsOne(long count) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
}
