namespace Inbox.Core.Comments;

/// <summary>Messenger's rule for private replies: one per comment, within 7 days of it, never to the Page's own.</summary>
public sealed class PrivateReplyRule
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>Why a private reply is not possible now, in plain words; null when it is.</summary>
    public static string? WhyNot(CommentView comment, DateTimeOffset now) => comment switch
    {
        { ByPage: true } => CoreText.Get<PrivateReplyRule>("PageOwnComment"),
        { DeletedAt: not null } => CoreText.Get<PrivateReplyRule>("CommentRemoved"),
        { PrivateReplyAt: not null } => CoreText.Get<PrivateReplyRule>("AlreadyReplied"),
        _ when now - comment.CreatedAt > Window => CoreText.Get<PrivateReplyRule>("TooOld"),
        _ => null,
    };

    /// <summary>When the private reply stops being possible.</summary>
    public static DateTimeOffset ClosesAt(CommentView comment) => comment.CreatedAt + Window;
}
