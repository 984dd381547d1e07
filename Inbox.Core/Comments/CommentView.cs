namespace Inbox.Core.Comments;

/// <summary>A comment as the team sees it. Times are Meta's (created) or ours (actions).</summary>
public sealed record CommentView
{
    public string Id { get; init; } = "";
    public string PageId { get; init; } = "";
    public string PostId { get; init; } = "";
    public string? ParentId { get; init; }
    public string FromId { get; init; } = "";
    public string? FromName { get; init; }
    public bool ByPage { get; init; }
    public string? Message { get; init; }

    /// <summary>A photo or video the commenter attached, as stored (read through <see cref="Attachments"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? AttachmentsJson { get; init; }

    public IReadOnlyList<Meta.Attachment> Attachments => Meta.AttachmentJson.Read(AttachmentsJson);

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public bool Hidden { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public DateTimeOffset? LikedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? PrivateReplyAt { get; init; }
    /// <summary>The Messenger conversation the private reply opened or joined.</summary>
    public long? PrivateReplyConversationId { get; init; }
    /// <summary>Why a moderation rule hid it.</summary>
    public string? Moderation { get; init; }

    public string DisplayName => FromName ?? UnknownName;

    /// <summary>What a commenter is called when Meta did not give their name.</summary>
    public static string UnknownName => CoreText.Get<CommentView>("FacebookUser");
}

/// <summary>A post and the comment threads under it that match the view's filter.</summary>
public sealed record PostThreads(PostView Post, IReadOnlyList<CommentThread> Threads);

public sealed record PostView
{
    public string Id { get; init; } = "";
    public string PageId { get; init; } = "";
    public string? PageName { get; init; }
    public string? Message { get; init; }
    public string? PermalinkUrl { get; init; }
}

/// <summary>A comment directly under the post, with the replies under it, oldest first.</summary>
public sealed record CommentThread(CommentView Comment, IReadOnlyList<CommentView> Replies);

public enum CommentFilter
{
    All,
    /// <summary>Customers' comments the Page has not answered, publicly or privately.</summary>
    Unanswered,
    Answered,
    Hidden,
}
