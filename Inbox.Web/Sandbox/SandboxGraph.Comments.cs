using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;

namespace Inbox.Web.Sandbox;

/// <summary>
/// The sandbox's Page posts and comments, under Meta's rules: one private reply per comment within 7 days
/// (10900, and the window error after), none to the Page's own comments (10903), the Page's own comments cannot be
/// hidden, and every change is sent back as a signed feed webhook with times in seconds.
/// </summary>
public sealed partial class SandboxGraph
{
    public static readonly TimeSpan PrivateReplyWindow = TimeSpan.FromDays(7);

    public async Task AddPostAsync(string pageId, string postId, string message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sandbox_posts (id, page_id, message, permalink_url) VALUES (@Id, @PageId, @Message, @Permalink)
            ON CONFLICT (id) DO NOTHING
            """, new { Id = postId, PageId = pageId, Message = message, Permalink = Permalink(pageId, postId) }, cancellationToken: cancellationToken));
    }

    /// <summary>A person comments under a post (or under another comment): stored, then delivered as a feed webhook.</summary>
    public async Task<string> CustomerCommentsAsync(
        string pageId, string postId, string fromId, string fromName, string text, CancellationToken cancellationToken, string? parentCommentId = null, string? psid = null)
    {
        var commentId = $"{postId.Split('_')[^1]}_{RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue)}";
        await StoreCommentAsync(commentId, pageId, postId, fromId, fromName, cancellationToken, psid);
        await PostFeedAsync(pageId, postId, commentId, parentCommentId ?? postId, fromId, fromName, text, "add", cancellationToken);
        return commentId;
    }

    /// <summary>Handles <c>POST /{comment-id}/comments</c>: the Page answers in public.</summary>
    public async Task<Answer> ReplyToCommentAsync(string commentId, string? accessToken, JsonNode? request, CancellationToken cancellationToken)
    {
        var text = request?["message"]?.GetValue<string>();
        var (comment, refusal) = await CommentForAsync(commentId, accessToken, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error(400, 100, null, "(#100) Missing message", "OAuthException");
        }
        var replyId = $"{comment!.PostId.Split('_')[^1]}_{RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue)}";
        await StoreCommentAsync(replyId, comment.PageId, comment.PostId, comment.PageId, "Page", cancellationToken);
        _ = PostFeedSafelyAsync(comment.PageId, comment.PostId, replyId, commentId, comment.PageId, "Page", text, "add");
        return new Answer(200, new JsonObject { ["id"] = replyId });
    }

    /// <summary>Handles <c>POST /{comment-id} {is_hidden}</c>.</summary>
    public async Task<Answer> SetHiddenAsync(string commentId, string? accessToken, JsonNode? request, CancellationToken cancellationToken)
    {
        var (comment, refusal) = await CommentForAsync(commentId, accessToken, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (comment!.FromId == comment.PageId)
        {
            return Error(400, 100, null, "(#100) Cannot hide a comment posted by the page", "OAuthException");
        }
        var hidden = request?["is_hidden"]?.GetValue<bool>() ?? false;
        await ExecuteAsync("UPDATE sandbox_comments SET hidden = @Hidden WHERE id = @Id", new { Id = commentId, Hidden = hidden ? 1 : 0 }, cancellationToken);
        _ = PostFeedSafelyAsync(comment.PageId, comment.PostId, commentId, comment.PostId, comment.FromId, comment.FromName, null, hidden ? "hide" : "unhide");
        return new Answer(200, new JsonObject { ["success"] = true });
    }

    /// <summary>Handles <c>DELETE /{comment-id}</c>.</summary>
    public async Task<Answer> DeleteCommentAsync(string commentId, string? accessToken, CancellationToken cancellationToken)
    {
        var (comment, refusal) = await CommentForAsync(commentId, accessToken, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        await ExecuteAsync("UPDATE sandbox_comments SET deleted = 1 WHERE id = @Id", new { Id = commentId }, cancellationToken);
        _ = PostFeedSafelyAsync(comment!.PageId, comment.PostId, commentId, comment.PostId, comment.FromId, comment.FromName, null, "remove");
        return new Answer(200, new JsonObject { ["success"] = true });
    }

    /// <summary>Handles <c>POST /{comment-id}/likes</c>.</summary>
    public async Task<Answer> LikeCommentAsync(string commentId, string? accessToken, CancellationToken cancellationToken)
    {
        var (_, refusal) = await CommentForAsync(commentId, accessToken, cancellationToken);
        return refusal ?? new Answer(200, new JsonObject { ["success"] = true });
    }

    /// <summary>Handles <c>GET /{post-id}?fields=message,permalink_url</c>; null when the id is not a sandbox post.</summary>
    public async Task<Answer?> PostAsync(string postId, string? accessToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var post = await connection.QuerySingleOrDefaultAsync<(string PageId, string Message, string PermalinkUrl)?>(new CommandDefinition(
            "SELECT page_id, message, permalink_url FROM sandbox_posts WHERE id = @Id", new { Id = postId }, cancellationToken: cancellationToken));
        if (post is not { } found)
        {
            return null;
        }
        return await TokenRefusalAsync(found.PageId, accessToken, cancellationToken)
            ?? new Answer(200, new JsonObject { ["id"] = postId, ["message"] = found.Message, ["permalink_url"] = found.PermalinkUrl });
    }

    // The Send API with recipient.comment_id.
    private async Task<Answer> PrivateReplyAsync(string pageId, string? accessToken, string commentId, string? text, string? metadata, CancellationToken cancellationToken)
    {
        var (comment, refusal) = await CommentForAsync(commentId, accessToken, cancellationToken);
        refusal ??= comment!.FromId == pageId ? Error(400, 10903, null, "(#10903) This user cant reply to this activity", "OAuthException")
            : comment.PrivateReplied == 1 ? Error(400, 10900, null, "(#10900) Activity already replied to", "OAuthException")
            : time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(comment.CreatedAt) > PrivateReplyWindow
                ? Error(400, 10, 2018278, "(#10) This message is sent outside of allowed window.", "OAuthException")
            : string.IsNullOrWhiteSpace(text) ? Error(400, 100, null, "(#100) The parameter message is required", "OAuthException")
            : null;
        if (refusal is not null)
        {
            Record(new SandboxCall(time.GetUtcNow(), pageId, $"comment:{commentId}", "RESPONSE", null, text, metadata, null, refusal.Body["error"]!["code"]!.GetValue<int>()));
            return refusal;
        }
        var psid = comment!.Psid ?? $"71{RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue)}";
        await ExecuteAsync("UPDATE sandbox_comments SET private_replied = 1, psid = @Psid WHERE id = @Id", new { Id = commentId, Psid = psid }, cancellationToken);
        // The commenter becomes a Messenger contact whose name the Profile API knows; the window opens only when they answer.
        await ExecuteAsync("""
            INSERT INTO sandbox_customers (page_id, psid, name, last_message_at) VALUES (@PageId, @Psid, @Name, 0)
            ON CONFLICT (page_id, psid) DO NOTHING
            """, new { PageId = pageId, Psid = psid, Name = comment.FromName }, cancellationToken);
        var mid = "m_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var sentAt = time.GetUtcNow();
        Record(new SandboxCall(sentAt, pageId, $"comment:{commentId}", "RESPONSE", null, text, metadata, mid, null));
        _ = PostEchoAsync(pageId, psid, mid, text!, metadata, sentAt);
        return new Answer(200, new JsonObject { ["recipient_id"] = psid, ["message_id"] = mid });
    }

    private sealed record SandboxComment(string Id, string PageId, string PostId, string FromId, string? FromName, string? Psid, long CreatedAt, long PrivateReplied, long Deleted);

    private async Task<(SandboxComment? Comment, Answer? Refusal)> CommentForAsync(string commentId, string? accessToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var comment = await connection.QuerySingleOrDefaultAsync<SandboxComment>(new CommandDefinition(
            "SELECT id, page_id, post_id, from_id, from_name, psid, created_at, private_replied, deleted FROM sandbox_comments WHERE id = @Id",
            new { Id = commentId }, cancellationToken: cancellationToken));
        if (comment is null || comment.Deleted == 1)
        {
            return (null, Error(400, 100, 33, $"(#100) Object with ID '{commentId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation", "GraphMethodException"));
        }
        return (comment, await TokenRefusalAsync(comment.PageId, accessToken, cancellationToken));
    }

    // psid: the commenter's Messenger id when they already write to the Page; as Meta does, a private reply then goes
    // to that conversation. Without one, the private reply makes them a new Messenger contact.
    private Task StoreCommentAsync(string id, string pageId, string postId, string fromId, string? fromName, CancellationToken cancellationToken, string? psid = null) => ExecuteAsync("""
        INSERT INTO sandbox_comments (id, page_id, post_id, from_id, from_name, psid, created_at) VALUES (@Id, @PageId, @PostId, @FromId, @FromName, @Psid, @Now)
        """, new { Id = id, PageId = pageId, PostId = postId, FromId = fromId, FromName = fromName, Psid = psid, Now = time.GetUtcNow() }, cancellationToken);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task PostFeedSafelyAsync(string pageId, string postId, string commentId, string parentId, string fromId, string? fromName, string? text, string verb)
    {
        try
        {
            await PostFeedAsync(pageId, postId, commentId, parentId, fromId, fromName, text, verb, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogEchoFailed(exception, commentId);
        }
    }

    // Feed webhooks carry seconds, not milliseconds.
    private Task PostFeedAsync(
        string pageId, string postId, string commentId, string parentId, string fromId, string? fromName, string? text, string verb, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var value = new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName },
            ["post"] = new JsonObject { ["id"] = postId, ["status_type"] = "added_photos", ["is_published"] = true, ["permalink_url"] = Permalink(pageId, postId) },
            ["post_id"] = postId,
            ["comment_id"] = commentId,
            ["created_time"] = now,
            ["item"] = "comment",
            ["parent_id"] = parentId,
            ["verb"] = verb,
        };
        if (text is not null)
        {
            value["message"] = text;
        }
        return PostDeliveryAsync(new JsonObject
        {
            ["object"] = "page",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = pageId,
                ["time"] = now,
                ["changes"] = new JsonArray(new JsonObject { ["field"] = "feed", ["value"] = value }),
            }),
        }, cancellationToken);
    }

    internal static string Permalink(string pageId, string postId) => $"https://www.facebook.com/{pageId}/posts/{postId.Split('_')[^1]}";
}
