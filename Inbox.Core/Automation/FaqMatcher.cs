using System.Globalization;
using System.Text;

namespace Inbox.Core.Automation;

/// <summary>
/// Matches a customer's message against FAQ trigger phrases, ignoring case, accents and punctuation (English and
/// French alike). A phrase matches when enough of its words appear in the message; below the threshold the bot stays
/// quiet, because a wrong automatic answer costs more than a slower human one.
/// </summary>
public static class FaqMatcher
{
    public const double Threshold = 0.75;

    public sealed record Candidate(long ReplyId, IReadOnlyList<string> Triggers);

    public sealed record Match(long ReplyId, string Trigger, double Score);

    public static Match? Best(string message, IEnumerable<Candidate> candidates)
    {
        var words = Words(message).ToHashSet();
        if (words.Count == 0)
        {
            return null;
        }
        Match? best = null;
        foreach (var candidate in candidates)
        {
            foreach (var trigger in candidate.Triggers)
            {
                var triggerWords = Words(trigger).Distinct().ToList();
                if (triggerWords.Count == 0)
                {
                    continue;
                }
                var score = triggerWords.Count(words.Contains) / (double)triggerWords.Count;
                if (score >= Threshold && (best is null || score > best.Score))
                {
                    best = new Match(candidate.ReplyId, trigger, score);
                }
            }
        }
        return best;
    }

    /// <summary>Lower-case words without accents or punctuation, plurals made singular the simple way, applied alike to both sides.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(char.IsLetterOrDigit(c) ? c : ' ');
            }
        }
        return plain.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(Singular);
    }

    private static string Singular(string word) =>
        word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;
}
