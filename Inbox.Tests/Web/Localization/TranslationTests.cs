using System.Text.RegularExpressions;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web.Localization;

/// <summary>The interface speaks English and French: every text comes from a resource pair, complete in both.</summary>
public sealed partial class TranslationTests
{
    private static readonly string[] s_projects = ["Inbox.Web", "Inbox.Core"];

    public static TheoryData<string> ResourceFiles() =>
        [.. s_projects.SelectMany(p => SourceTree.Files(p, "*.resx")).Where(f => !f.EndsWith(".fr.resx", StringComparison.Ordinal)).Select(SourceTree.Relative)];

    [Fact]
    public void No_component_shows_text_written_in_its_markup()
    {
        var literals = SourceTree.Files("Inbox.Web", "*.razor")
            .SelectMany(file => MarkupLiterals.In(File.ReadAllText(file)).Select(text => $"{SourceTree.Relative(file)}: {text}"))
            .ToList();

        Assert.True(literals.Count == 0, $"Read these from the component's .resx:\n{string.Join('\n', literals)}");
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_text_has_a_french_translation_with_the_same_placeholders(string relativePath)
    {
        var resources = ResourceFile.Load(Path.Combine(SourceTree.Root, relativePath));

        Assert.True(File.Exists(resources.FrenchPath), $"{resources.FrenchPath} is missing");
        Assert.Equal(resources.English.Keys.Order(), resources.French.Keys.Order());
        foreach (var (key, english) in resources.English)
        {
            var french = resources.French[key];
            Assert.False(string.IsNullOrWhiteSpace(english), $"{key} is empty in English");
            Assert.False(string.IsNullOrWhiteSpace(french), $"{key} is empty in French");
            Assert.Equal(ResourceFile.Placeholders(english), ResourceFile.Placeholders(french));
        }
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_text_is_used_and_every_text_used_exists(string relativePath)
    {
        var resources = ResourceFile.Load(Path.Combine(SourceTree.Root, relativePath));
        Assert.True(resources.OwnerPath is not null, $"No .razor or .cs file owns {relativePath}");
        var source = File.ReadAllText(resources.OwnerPath);

        var used = KeyUse().Matches(source).Select(m => m.Groups["key"].Value).ToHashSet();
        var plurals = PluralUse().Matches(source).Select(m => m.Groups["key"].Value).SelectMany(k => new[] { $"{k}_One", $"{k}_Other" });
        var prefixes = DynamicKeyUse().Matches(source).Select(m => m.Groups["prefix"].Value).ToList();
        used.UnionWith(plurals);

        var missing = used.Where(key => !resources.English.ContainsKey(key)).ToList();
        var unused = resources.English.Keys.Where(key => !used.Contains(key) && !prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"Used but not in {relativePath}: {string.Join(", ", missing)}");
        Assert.True(unused.Count == 0, $"In {relativePath} but not used: {string.Join(", ", unused)}");
    }

    // L["Key"], L["Key", args] in components; CoreText.Get<Owner>("Key", args) or CoreText.Get<Owner>(culture, "Key") in Core.
    [GeneratedRegex(@"\bL\[""(?<key>\w+)""|CoreText\.Get<\w+>\((?:[\w.]+,\s*)?""(?<key>\w+)""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\bL\.Plural\(""(?<key>\w+)""|CoreText\.Plural<\w+>\(""(?<key>\w+)""")]
    private static partial Regex PluralUse();

    // L[$"Role{role}"]: every key starting with "Role" counts as used.
    [GeneratedRegex(@"(?:\bL\[|CoreText\.(?:Get|Plural)<\w+>\((?:[\w.]+,\s*)?)\$""(?<prefix>\w*)\{")]
    private static partial Regex DynamicKeyUse();

    [Fact]
    public void A_customer_waiting_for_the_team_and_a_conversation_waiting_for_the_customer_read_differently_in_french()
    {
        // "waiting" (the customer waits for us) and "Pending" (we wait for the customer) were both "en attente".
        var row = ResourceFile.Load(Path.Combine(SourceTree.Root, "Inbox.Web/Features/Inbox/ConversationRow.resx"));
        var workflow = ResourceFile.Load(Path.Combine(SourceTree.Root, "Inbox.Web/Features/Inbox/ThreadWorkflow.resx"));

        Assert.All(row.French.Where(text => text.Key.StartsWith("Waiting", StringComparison.Ordinal)), text =>
            Assert.DoesNotContain(workflow.French["Pending"], text.Value, StringComparison.OrdinalIgnoreCase));
    }
}
