using Inbox.Core.Meta;

namespace Inbox.Core.Comments;

/// <summary>Meta's refusals of comment actions in plain words (meta-platform.md's error table).</summary>
public sealed class CommentRefusal
{
    public static string Explain(GraphError error) => (error.Code, error.Subcode) switch
    {
        (10900, _) => CoreText.Get<CommentRefusal>("AlreadyReplied"),
        (10903, _) => CoreText.Get<CommentRefusal>("CannotReceive"),
        (10, 2018278) => CoreText.Get<CommentRefusal>("TooOld"),
        (190, _) => CoreText.Get<CommentRefusal>("PageDisconnected"),
        (100, _) when error.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase) => CoreText.Get<CommentRefusal>("CommentGone"),
        _ when error.IsTransient => CoreText.Get<CommentRefusal>("TryAgain", error.Message),
        _ => CoreText.Get<CommentRefusal>("Refused", error),
    };
}
