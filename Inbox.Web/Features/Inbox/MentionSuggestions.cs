using System.Text.RegularExpressions;

namespace Inbox.Web.Features.Inbox;

/// <summary>
/// The teammates a note's trailing "@" word could mean, for the composer's mention picker: first name or any later
/// word of the name starting with what was typed, case ignored. Picking writes the full name, which is what
/// <see cref="Core.Conversations.NoteStore"/> resolves.
/// </summary>
public sealed partial class MentionSuggestions
{
    private const int MaxShown = 6;
    private bool _dismissed;

    public IReadOnlyList<(long Id, string Name)> Matches { get; private set; } = [];

    public int Selected { get; private set; }

    public bool Open => Matches.Count > 0 && !_dismissed;

    public void Update(string text, bool note, IReadOnlyList<(long Id, string Name)> people)
    {
        var query = note ? TrailingMention().Match(text) : Match.Empty;
        if (!query.Success)
        {
            (Matches, Selected, _dismissed) = ([], 0, false);
            return;
        }
        var typed = query.Groups["typed"].Value;
        Matches = [.. people.Where(p => p.Name.Split(' ').Any(word => word.StartsWith(typed, StringComparison.CurrentCultureIgnoreCase))).Take(MaxShown)];
        Selected = Math.Min(Selected, Math.Max(0, Matches.Count - 1));
    }

    /// <summary>A key pressed while the picker is open: arrows move, Esc closes; Enter or Tab return the name to write.</summary>
    public string? Key(string key)
    {
        switch (key)
        {
            case "ArrowDown" or "ArrowUp" when Matches.Count > 0:
                Selected = (Selected + (key == "ArrowDown" ? 1 : -1) + Matches.Count) % Matches.Count;
                return null;
            case "Enter" or "Tab" when Open:
                return Matches[Selected].Name;
            case "Escape":
                _dismissed = true;
                return null;
            default:
                return null;
        }
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
