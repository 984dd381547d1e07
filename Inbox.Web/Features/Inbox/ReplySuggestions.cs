using Inbox.Core.SavedReplies;

namespace Inbox.Web.Features.Inbox;

/// <summary>
/// The composer's "/" menu: "/" followed by a word lists the saved replies matching it; a space, a new line or Esc
/// closes it. The same shape as <see cref="MentionSuggestions"/>, for the same keys.
/// </summary>
public sealed class ReplySuggestions
{
    private bool _dismissed;

    public IReadOnlyList<SavedReply> Matches { get; private set; } = [];

    public int Selected { get; private set; }

    public bool Open { get; private set; }

    public string Query { get; private set; } = "";

    public void Update(string text, IReadOnlyList<SavedReply> replies)
    {
        if (!text.StartsWith('/'))
        {
            _dismissed = false;
        }
        Open = !_dismissed && text.StartsWith('/') && !text.Any(char.IsWhiteSpace);
        Query = Open ? text[1..] : "";
        Matches = Open ? SavedReplySearch.Filter(replies, Query) : [];
        Selected = Math.Min(Selected, Math.Max(0, Matches.Count - 1));
    }

    /// <summary>A key pressed while the menu is open: arrows move, Esc closes; Enter or Tab return the reply to fill in.</summary>
    public SavedReply? Key(string key)
    {
        switch (key)
        {
            case "ArrowDown" or "ArrowUp" when Matches.Count > 0:
                Selected = (Selected + (key == "ArrowDown" ? 1 : -1) + Matches.Count) % Matches.Count;
                return null;
            case "Enter" or "Tab" when Matches.Count > 0:
                var picked = Matches[Selected];
                Selected = 0;
                return picked;
            case "Escape":
                (_dismissed, Open) = (true, false);
                return null;
            default:
                return null;
        }
    }
}
