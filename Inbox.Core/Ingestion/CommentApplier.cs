using System.Data.Common;
using Dapper;
using Inbox.Core.Comments;
using Inbox.Core.Live;
using Inbox.Core.Meta;

namespace Inbox.Core.Ingestion;

/// <summary>
/// Applies feed comment events. Each is an upsert by comment id, so duplicates change nothing and a late "add"
/// never undoes an edit, a hide or a removal that came before it.
/// </summary>
internal static class CommentApplier
{
    public static async Task<InboxChange?> ApplyAsync(
        DbConnection connection, DbTransaction transaction, CommentChanged comment, ModerationRules rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        CommandDefinition Command(string sql, object? extra = null)
        {
            var parameters = new DynamicParameters(new
            {
                comment.PageId,
                comment.PostId,
                comment.CommentId,
                ParentId = comment.ParentCommentId,
                comment.FromId,
                comment.FromName,
                ByPage = comment.ByPage ? 1 : 0,
                comment.Message,
                At = comment.Timestamp,
                Now = now,
                comment.PostPermalink,
                Attachments = AttachmentJson.Write(comment.Attachments),
            });
            if (extra is not null)
            {
                parameters.AddDynamicParams(extra);
            }
            return new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken);
        }

        await connection.ExecuteAsync(Command("""
            INSERT INTO posts (id, page_id, permalink_url, created_at) VALUES (@PostId, @PageId, @PostPermalink, @Now)
            ON CONFLICT (id) DO UPDATE SET permalink_url = COALESCE(posts.permalink_url, excluded.permalink_url)
            """));
        // The row every verb starts from; a verb that comes before its "add" still has somewhere to land.
        const string Upsert = """
            INSERT INTO comments (id, page_id, post_id, parent_id, from_id, from_name, by_page, message, attachments, created_at, edited_at, hidden, deleted_at, moderation)
            VALUES (@CommentId, @PageId, @PostId, @ParentId, @FromId, @FromName, @ByPage, @Message, @Attachments, @At, @EditedAt, @Hidden, @DeletedAt, @Moderation)
            ON CONFLICT (id) DO UPDATE SET
                from_name = COALESCE(comments.from_name, excluded.from_name),
                -- A verb that came before the "add" landed without the commenter's id; the add brings it.
                from_id = CASE WHEN comments.from_id = '' THEN excluded.from_id ELSE comments.from_id END,
                parent_id = COALESCE(comments.parent_id, excluded.parent_id),
                message = CASE WHEN @Verb = 'edited' THEN COALESCE(excluded.message, comments.message) ELSE COALESCE(comments.message, excluded.message) END,
                attachments = CASE WHEN @Verb = 'edited' THEN COALESCE(excluded.attachments, comments.attachments) ELSE COALESCE(comments.attachments, excluded.attachments) END,
                edited_at = COALESCE(excluded.edited_at, comments.edited_at),
                hidden = CASE WHEN @Verb IN ('hidden', 'unhidden') THEN excluded.hidden ELSE comments.hidden END,
                deleted_at = COALESCE(comments.deleted_at, excluded.deleted_at)
            """;
        var moderation = comment.Verb == CommentVerb.Added && !comment.ByPage ? rules.Match(comment.Message) : null;
        await connection.ExecuteAsync(Command(Upsert, new
        {
            Verb = comment.Verb.ToString().ToLowerInvariant(),
            EditedAt = comment.Verb == CommentVerb.Edited ? now : (DateTimeOffset?)null,
            Hidden = comment.Verb == CommentVerb.Hidden ? 1 : 0,
            DeletedAt = comment.Verb == CommentVerb.Removed ? now : (DateTimeOffset?)null,
            Moderation = moderation,
        }));
        if (comment.Verb == CommentVerb.Added && comment.ByPage && comment.ParentCommentId is not null)
        {
            // The Page answered in public (from Inbox, Meta's tools or the Facebook app).
            await connection.ExecuteAsync(Command(
                "UPDATE comments SET answered_at = @At WHERE id = @ParentId AND (answered_at IS NULL OR answered_at > @At)"));
        }
        return new InboxChange(0, InboxChangeKind.CommentChanged);
    }
}
