using System.Diagnostics.CodeAnalysis;

namespace Inbox.Web.Features.Inbox;

/// <summary>
/// A menu the composer opens while typing ("/" for saved replies, "@" for teammates): the matches, the one selected,
/// and the keys the textarea hands over while it is open.
/// </summary>
public abstract class Suggestions<T>
{
    protected bool Dismissed { get; set; }

    public IReadOnlyList<T> Matches { get; private set; } = [];

    public int Selected { get; private set; }

    public virtual bool Open => Matches.Count > 0 && !Dismissed;

    /// <summary>Arrows move, Esc closes; Enter or Tab pick, and then <paramref name="picked"/> is what to write.</summary>
    public bool Key(string key, [MaybeNullWhen(false)] out T picked)
    {
        picked = default;
        switch (key)
        {
            case "ArrowDown" or "ArrowUp" when Matches.Count > 0:
                Selected = (Selected + (key == "ArrowDown" ? 1 : -1) + Matches.Count) % Matches.Count;
                return false;
            case "Enter" or "Tab" when Open && Matches.Count > 0:
                picked = Matches[Selected];
                Selected = 0;
                return true;
            case "Escape":
                Dismissed = true;
                return false;
            default:
                return false;
        }
    }

    protected void Show(IReadOnlyList<T> matches)
    {
        Matches = matches;
        Selected = Math.Min(Selected, Math.Max(0, matches.Count - 1));
    }
}
