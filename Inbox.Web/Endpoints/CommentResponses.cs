using Inbox.Core.Comments;
using Inbox.Core.Meta;

namespace Inbox.Web.Endpoints;

// What the comments API answers: what the comments view shows, with the private reply as a link to its conversation.
public static partial class CommentEndpoints
{
    public sealed record PostThreadsResponse(PostView Post, IReadOnlyList<ThreadResponse> Threads)
    {
        public static PostThreadsResponse From(PostThreads p) => new(p.Post, [.. p.Threads.Select(ThreadResponse.From)]);
    }

    public sealed record ThreadResponse(CommentResponse Comment, IReadOnlyList<CommentResponse> Replies)
    {
        public static ThreadResponse From(CommentThread t) => new(CommentResponse.From(t.Comment), [.. t.Replies.Select(CommentResponse.From)]);
    }

    /// <summary>A comment; <c>attachments</c> holds a photo or video the commenter added, <c>privateReply</c> the Messenger answer.</summary>
    public sealed record CommentResponse(
        string Id, string PageId, string PostId, string? ParentId, string FromId, string? FromName, bool ByPage, string? Message,
        IReadOnlyList<Attachment> Attachments, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Hidden, DateTimeOffset? DeletedAt,
        DateTimeOffset? LikedAt, DateTimeOffset? AnsweredAt, PrivateReplyLink? PrivateReply, string? Moderation)
    {
        public static CommentResponse From(CommentView c) => new(
            c.Id, c.PageId, c.PostId, c.ParentId, c.FromId, c.FromName, c.ByPage, c.Message, c.Attachments, c.CreatedAt, c.EditedAt, c.Hidden,
            c.DeletedAt, c.LikedAt, c.AnsweredAt, PrivateReplyLink.From(c), c.Moderation);
    }

    /// <summary>The private reply sent to a comment: when, and the conversation it opened or joined.</summary>
    public sealed record PrivateReplyLink(long ConversationId, DateTimeOffset? At, string Url)
    {
        public static PrivateReplyLink? From(CommentView c) =>
            c.PrivateReplyConversationId is { } id ? new(id, c.PrivateReplyAt, $"/api/v1/conversations/{id}") : null;
    }

    public sealed record TextRequest(string? Text);

    public sealed record PrivateReplyResponse(long ConversationId, CommentResponse? Comment);
}
