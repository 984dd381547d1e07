namespace Inbox.Core.Comments;

/// <summary>Messenger's rule for private replies: one per comment, within 7 days of it, never to the Page's own.</summary>
public static class PrivateReplyRule
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>Why a private reply is not possible now, in plain words; null when it is.</summary>
    public static string? WhyNot(CommentView comment, DateTimeOffset now) => comment switch
    {
        { ByPage: true } => "This is the Page's own comment.",
        { DeletedAt: not null } => "This comment was removed from Facebook.",
        { PrivateReplyAt: not null } => "The Page already replied privately: Messenger allows one private reply per comment.",
        _ when now - comment.CreatedAt > Window => "This comment is more than 7 days old: Messenger only allows a private reply within 7 days of it.",
        _ => null,
    };

    /// <summary>When the private reply stops being possible.</summary>
    public static DateTimeOffset ClosesAt(CommentView comment) => comment.CreatedAt + Window;
}
