using System.Text.RegularExpressions;

namespace Inbox.Core.Comments;

/// <summary>A Page's rules for hiding comments at once: words or phrases, links, phone numbers.</summary>
public sealed partial record ModerationRules(string PageId, IReadOnlyList<string> Words, bool HideLinks, bool HidePhoneNumbers)
{
    public static ModerationRules None(string pageId) => new(pageId, [], false, false);

    public bool IsEmpty => Words.Count == 0 && !HideLinks && !HidePhoneNumbers;

    /// <summary>Why the comment should be hidden, in words for the audit; null when no rule matches.</summary>
    public string? Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // Whole words, case, accents and plurals ignored as for FAQ matching: "scam" hides "SCAMS!" but not "scampi".
        var folded = Folded(text);
        foreach (var word in Words)
        {
            var foldedWord = Folded(word);
            if (foldedWord.Length > 2 && folded.Contains(foldedWord, StringComparison.Ordinal))
            {
                return $"contains \"{word}\"";
            }
        }
        if (HideLinks && LinkPattern().IsMatch(text))
        {
            return "contains a link";
        }
        if (HidePhoneNumbers && PhonePattern().IsMatch(text))
        {
            return "contains a phone number";
        }
        return null;
    }

    private static string Folded(string text) => $" {string.Join(' ', Automation.FaqMatcher.Words(text))} ";

    // A scheme or www, a domain followed by a path, or a bare domain under a common top-level domain.
    [GeneratedRegex(@"(https?://|www\.)\S+|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,24}/\S*|\b[a-z0-9-]+\.(com|net|org|fr|be|de|uk|es|it|io|co|shop|store|info|biz|me|ly)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex LinkPattern();

    // Seven or more digits, allowing spaces, dots, dashes and one leading +: "06 12 34 56 78", "+33 6 12 34 56 78".
    [GeneratedRegex(@"(?<!\d)\+?\d(?:[\s.\-()]*\d){6,}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex PhonePattern();
}
