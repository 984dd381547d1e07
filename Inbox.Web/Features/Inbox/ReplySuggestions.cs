using Inbox.Core.SavedReplies;

namespace Inbox.Web.Features.Inbox;

/// <summary>The composer's "/" menu: "/" followed by a word lists the saved replies matching it; a space, a new line or Esc closes it.</summary>
public sealed class ReplySuggestions : Suggestions<SavedReply>
{
    private bool _typing;

    // Open while "/word" is typed, even with no match: the menu then says so.
    public override bool Open => _typing && !Dismissed;

    public string Query { get; private set; } = "";

    public void Update(string text, IReadOnlyList<SavedReply> replies)
    {
        if (!text.StartsWith('/'))
        {
            Dismissed = false;
        }
        _typing = text.StartsWith('/') && !text.Any(char.IsWhiteSpace);
        Query = Open ? text[1..] : "";
        Show(Open ? SavedReplySearch.Filter(replies, Query) : []);
    }
}
