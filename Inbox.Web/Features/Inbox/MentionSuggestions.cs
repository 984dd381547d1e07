using System.Text.RegularExpressions;

namespace Inbox.Web.Features.Inbox;

/// <summary>
/// The teammates a note's trailing "@" word could mean, for the composer's mention picker: first name or any later
/// word of the name starting with what was typed, case ignored. Picking writes the full name, which is what
/// <see cref="Core.Conversations.NoteStore"/> resolves.
/// </summary>
public sealed partial class MentionSuggestions : Suggestions<(long Id, string Name)>
{
    private const int MaxShown = 6;

    public void Update(string text, bool note, IReadOnlyList<(long Id, string Name)> people)
    {
        var query = note ? TrailingMention().Match(text) : Match.Empty;
        if (!query.Success)
        {
            Dismissed = false;
            Show([]);
            return;
        }
        var typed = query.Groups["typed"].Value;
        Show([.. people.Where(p => p.Name.Split(' ').Any(word => word.StartsWith(typed, StringComparison.CurrentCultureIgnoreCase))).Take(MaxShown)]);
    }

    /// <summary>The text with its trailing "@word" replaced by the teammate's full name and a space.</summary>
    public static string Insert(string text, string name)
    {
        var query = TrailingMention().Match(text);
        return query.Success ? text[..query.Groups["at"].Index] + "@" + name + " " : text;
    }

    // An "@" at the start or after a space, then the word being typed, at the very end of the text.
    [GeneratedRegex(@"(?<=^|\s)(?<at>@)(?<typed>[^\s@]{0,30})$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingMention();
}
