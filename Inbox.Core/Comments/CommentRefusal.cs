using Inbox.Core.Meta;

namespace Inbox.Core.Comments;

/// <summary>Meta's refusals of comment actions in plain words (meta-platform.md's error table).</summary>
public static class CommentRefusal
{
    public static string Explain(GraphError error) => (error.Code, error.Subcode) switch
    {
        (10900, _) => "Meta refused: the Page already replied privately to this comment, and Messenger allows only one private reply per comment.",
        (10903, _) => "Meta refused: this person can't get a private reply to this comment.",
        (10, 2018278) => "Meta refused: more than 7 days have passed since the comment, so a private reply is no longer possible.",
        (190, _) => "Meta no longer accepts this Page's access token: an admin must connect the Page again in Settings > Pages.",
        (100, _) when error.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase) => "This comment no longer exists on Facebook.",
        _ when error.IsTransient => $"Meta could not do it just now ({error.Message}); try again in a moment.",
        _ => $"Meta refused: {error}.",
    };
}
