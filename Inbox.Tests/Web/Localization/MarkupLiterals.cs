using System.Text.RegularExpressions;

namespace Inbox.Tests.Web.Localization;

/// <summary>
/// Finds words in a .razor file that a person would see but that are not read from resources: text between tags,
/// human-facing attributes (Text, title, aria-label, placeholder...) and sentences in the @code block.
/// </summary>
internal static partial class MarkupLiterals
{
    public static IEnumerable<string> In(string razor)
    {
        // Directives first: a generic @inject (IOptions<MetaOptions> Meta) would otherwise look like a tag and text.
        var text = DirectiveLine().Replace(Comment().Replace(razor, ""), "");
        var codeStart = CodeBlock().Match(text);
        var markup = codeStart.Success ? text[..codeStart.Index] : text;
        var code = codeStart.Success ? text[codeStart.Index..] : "";

        foreach (Match attribute in HumanAttribute().Matches(markup))
        {
            var value = attribute.Groups[2].Value;
            if (!value.StartsWith('@') && Word().IsMatch(value))
            {
                yield return attribute.Value;
            }
        }
        foreach (var line in Tag().Replace(markup, "\n").Split('\n').Select(l => l.Trim()))
        {
            if (line.Length == 0 || IsCSharp(line))
            {
                continue;
            }
            if (Word().IsMatch(Expression().Replace(line, "")))
            {
                yield return line;
            }
        }
        foreach (Match literal in StringLiteral().Matches(code))
        {
            var value = literal.Groups[1].Value;
            if (!FormatOnly().IsMatch(value) && (SentenceStart().IsMatch(value) || SentenceEnd().IsMatch(value)))
            {
                yield return $"\"{value}\"";
            }
        }
    }

    private static bool IsCSharp(string line) =>
        Directive().IsMatch(line) || line.StartsWith('{') || line.StartsWith('}') || line.StartsWith("//", StringComparison.Ordinal)
        || line.EndsWith(';') || line.StartsWith("case ", StringComparison.Ordinal) || line.StartsWith("default:", StringComparison.Ordinal);

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^@(using|inject|page|attribute|implements|inherits|layout|typeparam|rendermode)\b.*$", RegexOptions.Multiline)]
    private static partial Regex DirectiveLine();

    [GeneratedRegex(@"^@code\s*\{", RegexOptions.Multiline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\b(Text|Title|title|aria-label|placeholder|Placeholder|alt|EmptyText|Label|AriaLabel|ToggleAriaLabel|OkText|CancelText|ConfirmText)=""([^""]*)""")]
    private static partial Regex HumanAttribute();

    [GeneratedRegex(@"<(?:[^<>""]|""[^""]*"")*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^@(if|else|foreach|for|while|switch|using|inject|page|attribute|implements|inherits|rendermode|layout|typeparam|key|\{|code)\b|^(else|var)\b")]
    private static partial Regex Directive();

    // @(…), @name.chain?.call(…)[…]: what Razor evaluates rather than prints as written.
    [GeneratedRegex(@"@\((?:[^()]|\([^()]*\))*\)|@[A-Za-z_][\w]*(?:\??\.[\w]+|\[[^\]]*\]|\((?:[^()]|\([^()]*\))*\))*")]
    private static partial Regex Expression();

    [GeneratedRegex(@"[A-Za-zÀ-ÿ]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"\$?@?""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    // Date and number patterns ("HH:mm", "d MMM") are not words.
    [GeneratedRegex(@"^[dMyHhmsfFtTzK:\s,./\-'%#0]*$")]
    private static partial Regex FormatOnly();

    [GeneratedRegex(@"^[A-Z][a-zà-ÿ']*[ ,.:?!]")]
    private static partial Regex SentenceStart();

    [GeneratedRegex(@"[a-z]\s+[a-z]+.*[.?!]$")]
    private static partial Regex SentenceEnd();
}
