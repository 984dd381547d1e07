using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Inbox.Tests.Web.Localization;

/// <summary>A component's texts: Owner.resx (English) beside Owner.fr.resx.</summary>
internal sealed partial record ResourceFile(string EnglishPath, IReadOnlyDictionary<string, string> English, IReadOnlyDictionary<string, string> French)
{
    public string FrenchPath => EnglishPath[..^".resx".Length] + ".fr.resx";

    /// <summary>The .razor or .cs file whose texts these are.</summary>
    public string? OwnerPath => s_ownerExtensions.Select(ext => EnglishPath[..^".resx".Length] + ext).FirstOrDefault(File.Exists);

    private static readonly string[] s_ownerExtensions = [".razor", ".cs"];

    public static ResourceFile Load(string englishPath)
    {
        var french = englishPath[..^".resx".Length] + ".fr.resx";
        return new(englishPath, Read(englishPath), File.Exists(french) ? Read(french) : new Dictionary<string, string>());
    }

    public static IReadOnlySet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
