using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Comments;

/// <summary>Reads comments grouped by post: unanswered threads first, then the newest.</summary>
public sealed class CommentStore(Database database)
{
    private const string CommentSelect = """
        SELECT c.id, c.page_id, c.post_id, c.parent_id, c.from_id, c.from_name, c.by_page, c.message, c.attachments AS attachments_json, c.created_at, c.edited_at,
               c.hidden, c.deleted_at, c.liked_at, c.answered_at, c.private_reply_at, m.conversation_id AS private_reply_conversation_id, c.moderation
        FROM comments c LEFT JOIN messages m ON m.id = c.private_reply_message_id
        """;

    public async Task<IReadOnlyList<PostThreads>> ThreadsAsync(CommentFilter filter, string? postId, int limit, CancellationToken cancellationToken)
    {
        var where = filter switch
        {
            CommentFilter.Unanswered => "AND c.by_page = 0 AND c.answered_at IS NULL AND c.deleted_at IS NULL AND c.hidden = 0",
            CommentFilter.Answered => "AND c.answered_at IS NOT NULL",
            CommentFilter.Hidden => "AND c.hidden = 1 AND c.deleted_at IS NULL",
            _ => "",
        };
        // Unanswered customer comments first, then by newest.
        var sql = $"""
            {CommentSelect}
            WHERE c.parent_id IS NULL {where} AND (@PostId IS NULL OR c.post_id = @PostId)
            ORDER BY CASE WHEN c.by_page = 0 AND c.answered_at IS NULL AND c.deleted_at IS NULL AND c.hidden = 0 THEN 0 ELSE 1 END, c.created_at DESC
            LIMIT @Limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var top = (await connection.QueryAsync<CommentView>(new CommandDefinition(sql, new { PostId = postId, Limit = limit }, cancellationToken: cancellationToken))).ToList();
        if (top.Count == 0)
        {
            return [];
        }
        var ids = top.Select(c => c.Id).ToList();
        var replies = (await connection.QueryAsync<CommentView>(new CommandDefinition(
            $"{CommentSelect} WHERE c.parent_id {database.Dialect.IsIn("@Ids")} ORDER BY c.created_at", new { Ids = ids }, cancellationToken: cancellationToken))).ToLookup(r => r.ParentId);
        var posts = (await connection.QueryAsync<PostView>(new CommandDefinition(
            $"SELECT p.id, p.page_id, pg.name AS page_name, p.message, p.permalink_url FROM posts p JOIN pages pg ON pg.id = p.page_id WHERE p.id {database.Dialect.IsIn("@Ids")}",
            new { Ids = top.Select(c => c.PostId).Distinct().ToList() }, cancellationToken: cancellationToken))).ToDictionary(p => p.Id);
        // Posts in the order of their first thread, so the post with the most urgent comment comes first.
        return [.. top.GroupBy(c => c.PostId).Select(g => new PostThreads(
            posts.GetValueOrDefault(g.Key) ?? new PostView { Id = g.Key },
            [.. g.Select(c => new CommentThread(c, [.. replies[c.Id]]))]))];
    }

    public async Task<CommentView?> GetAsync(string commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CommentView>(new CommandDefinition(
            $"{CommentSelect} WHERE c.id = @Id", new { Id = commentId }, cancellationToken: cancellationToken));
    }

    /// <summary>Posts with comments, for the view's post filter, newest first.</summary>
    public async Task<IReadOnlyList<PostView>> PostsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PostView>(new CommandDefinition("""
            SELECT p.id, p.page_id, pg.name AS page_name, p.message, p.permalink_url FROM posts p JOIN pages pg ON pg.id = p.page_id
            WHERE EXISTS (SELECT 1 FROM comments c WHERE c.post_id = p.id) ORDER BY p.created_at DESC LIMIT 200
            """, cancellationToken: cancellationToken))];
    }

    public async Task<int> UnansweredCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM comments WHERE parent_id IS NULL AND by_page = 0 AND answered_at IS NULL AND deleted_at IS NULL AND hidden = 0",
            cancellationToken: cancellationToken));
    }

    /// <summary>The audit of what moderation rules hid, newest first.</summary>
    public async Task<IReadOnlyList<CommentView>> AutoHiddenAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<CommentView>(new CommandDefinition(
            $"{CommentSelect} WHERE c.moderation IS NOT NULL ORDER BY c.created_at DESC LIMIT @Limit", new { Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>How many of these comments are stored already (a history import counts only what it brought).</summary>
    public static async Task<int> CountKnownAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, SqlDialect dialect, IReadOnlyList<string> ids,
        CancellationToken cancellationToken) =>
        ids.Count == 0 ? 0 : await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM comments WHERE id {dialect.IsIn("@Ids")}", new { Ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken));
}
