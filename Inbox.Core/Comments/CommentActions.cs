using Dapper;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Inbox.Core.Storage;

namespace Inbox.Core.Comments;

/// <summary>
/// What the team does to a comment, each through the Graph API first and recorded only once Meta accepted it:
/// public reply, private reply, hide, unhide, delete, like. Refusals come back as <see cref="UserInputException"/>
/// in plain words; every action is kept in <c>comment_actions</c>.
/// </summary>
public sealed class CommentActions(
    Database database, CommentStore comments, PageStore pages, GraphClient graph, LiveFeed feed, TimeProvider time)
{
    public async Task ReplyAsync(string commentId, long userId, string text, CancellationToken cancellationToken)
    {
        text = Validate(text);
        var (comment, token) = await TargetAsync(commentId, cancellationToken);
        var (replyId, error) = await graph.ReplyToCommentAsync(comment.PageId, comment.Id, token, text, cancellationToken);
        await ThrowIfRefusedAsync(comment, error, cancellationToken);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Meta also sends the reply as a feed webhook; whichever comes first writes the row.
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO comments (id, page_id, post_id, parent_id, from_id, by_page, message, created_at)
            VALUES (@Id, @PageId, @PostId, @ParentId, @PageId, 1, @Text, @Now)
            ON CONFLICT (id) DO NOTHING
            """, new { Id = replyId, comment.PageId, comment.PostId, ParentId = comment.Id, Text = text, Now = now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE comments SET answered_at = COALESCE(answered_at, @Now) WHERE id = @Id", new { comment.Id, Now = now }, transaction, cancellationToken: cancellationToken));
        await RecordAsync(connection, transaction, comment.Id, "reply", userId, text, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new InboxChange(0, InboxChangeKind.CommentChanged));
    }

    /// <summary>Sends a private reply; returns the Messenger conversation it opened or joined.</summary>
    public async Task<long> PrivateReplyAsync(string commentId, long userId, string text, CancellationToken cancellationToken)
    {
        text = Validate(text);
        var (comment, token) = await TargetAsync(commentId, cancellationToken);
        if (PrivateReplyRule.WhyNot(comment, time.GetUtcNow()) is { } reason)
        {
            throw new UserInputException(reason);
        }
        var clientId = "inbox:" + Guid.NewGuid().ToString("N");
        var result = await graph.SendPrivateReplyAsync(comment.PageId, token, comment.Id, text, clientId, cancellationToken);
        await ThrowIfRefusedAsync(comment, result.Error, cancellationToken);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var conversationId = await ConversationWith.PersonAsync(connection, transaction, comment.PageId, result.RecipientId!, comment.FromName, now, cancellationToken);
        // The echo may have been applied already (as another app's message): then it becomes ours.
        var messageId = await connection.QuerySingleAsync<long>(new CommandDefinition("""
            INSERT INTO messages (conversation_id, mid, client_id, direction, text, sent_at, author_user_id, status, comment_id)
            VALUES (@ConversationId, @Mid, @ClientId, 'out', @Text, @Now, @UserId, 'sent', @CommentId)
            ON CONFLICT (mid) DO UPDATE SET client_id = excluded.client_id, author_user_id = excluded.author_user_id,
                comment_id = excluded.comment_id, source_app_id = NULL
            RETURNING id
            """, new { ConversationId = conversationId, Mid = result.MessageId, ClientId = clientId, Text = text, Now = now, UserId = userId, CommentId = comment.Id },
            transaction, cancellationToken: cancellationToken));
        await ConversationActivity.RecordOutboundAsync(connection, transaction, conversationId, now, MessagePreview.For(text, []), cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE comments SET private_reply_at = @Now, private_reply_message_id = @MessageId, answered_at = COALESCE(answered_at, @Now) WHERE id = @Id
            """, new { comment.Id, Now = now, MessageId = messageId }, transaction, cancellationToken: cancellationToken));
        await RecordAsync(connection, transaction, comment.Id, "private_reply", userId, text, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new InboxChange(0, InboxChangeKind.CommentChanged));
        feed.Publish(new InboxChange(conversationId, InboxChangeKind.MessageAdded, messageId));
        return conversationId;
    }

    public Task HideAsync(string commentId, long? userId, CancellationToken cancellationToken) => SetHiddenAsync(commentId, userId, true, "hide", cancellationToken);

    public Task UnhideAsync(string commentId, long? userId, CancellationToken cancellationToken) => SetHiddenAsync(commentId, userId, false, "unhide", cancellationToken);

    /// <summary>Hides a comment a moderation rule caught; recorded as the rule's doing, with its reason.</summary>
    internal Task AutoHideAsync(string commentId, string reason, CancellationToken cancellationToken) =>
        SetHiddenAsync(commentId, null, true, "auto_hide", cancellationToken, reason);

    public async Task DeleteAsync(string commentId, long userId, CancellationToken cancellationToken)
    {
        var (comment, token) = await TargetAsync(commentId, cancellationToken);
        await ThrowIfRefusedAsync(comment, await graph.DeleteCommentAsync(comment.PageId, comment.Id, token, cancellationToken), cancellationToken);
        await UpdateAsync(comment.Id, "UPDATE comments SET deleted_at = COALESCE(deleted_at, @Now) WHERE id = @Id", "delete", userId, null, cancellationToken);
    }

    public async Task LikeAsync(string commentId, long userId, CancellationToken cancellationToken)
    {
        var (comment, token) = await TargetAsync(commentId, cancellationToken);
        await ThrowIfRefusedAsync(comment, await graph.LikeCommentAsync(comment.PageId, comment.Id, token, cancellationToken), cancellationToken);
        await UpdateAsync(comment.Id, "UPDATE comments SET liked_at = COALESCE(liked_at, @Now) WHERE id = @Id", "like", userId, null, cancellationToken);
    }

    private async Task SetHiddenAsync(string commentId, long? userId, bool hidden, string action, CancellationToken cancellationToken, string? detail = null)
    {
        var (comment, token) = await TargetAsync(commentId, cancellationToken);
        if (comment.ByPage)
        {
            throw new UserInputException(CoreText.Get<CommentActions>("CannotHideOwn"));
        }
        await ThrowIfRefusedAsync(comment, await graph.SetCommentHiddenAsync(comment.PageId, comment.Id, token, hidden, cancellationToken), cancellationToken);
        await UpdateAsync(comment.Id, $"UPDATE comments SET hidden = {(hidden ? 1 : 0)} WHERE id = @Id", action, userId, detail, cancellationToken);
    }

    private async Task UpdateAsync(string commentId, string sql, string action, long? userId, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = commentId, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await RecordAsync(connection, transaction, commentId, action, userId, detail, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new InboxChange(0, InboxChangeKind.CommentChanged));
    }

    private Task<int> RecordAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string commentId, string action, long? userId, string? detail, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO comment_actions (comment_id, action, user_id, detail, at) VALUES (@CommentId, @Action, @UserId, @Detail, @Now)",
            new { CommentId = commentId, Action = action, UserId = userId, Detail = detail, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));

    private async Task<(CommentView Comment, string Token)> TargetAsync(string commentId, CancellationToken cancellationToken)
    {
        var comment = await comments.GetAsync(commentId, cancellationToken) ?? throw new UserInputException(CoreText.Get<CommentActions>("NoSuchComment"));
        if (await pages.IsDisconnectedAsync(comment.PageId, cancellationToken) || await pages.AccessTokenAsync(comment.PageId, cancellationToken) is not { } token)
        {
            throw new UserInputException(CoreText.Get<CommentActions>("PageDisconnected"));
        }
        return (comment, token);
    }

    private async Task ThrowIfRefusedAsync(CommentView comment, GraphError? error, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            return;
        }
        if (error.IsTokenInvalid)
        {
            await pages.MarkDisconnectedAsync(comment.PageId, Pages.TokenProblem.KindOf(error), error.ToString(), cancellationToken);
        }
        throw new UserInputException(CommentRefusal.Explain(error));
    }

    private static string Validate(string text)
    {
        text = text.Trim();
        return text.Length switch
        {
            0 => throw new UserInputException(CoreText.Get<CommentActions>("ReplyEmpty")),
            > Outbox.OutboxStore.MaxTextLength => throw new UserInputException(CoreText.Get<CommentActions>("ReplyTooLong", Outbox.OutboxStore.MaxTextLength, text.Length)),
            _ => text,
        };
    }
}
