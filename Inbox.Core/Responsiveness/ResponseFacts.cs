using System.Data.Common;
using Dapper;

namespace Inbox.Core.Responsiveness;

/// <summary>
/// Keeps <c>response_facts</c> right as messages are applied, in the transaction that applies them, whatever order
/// they arrive in. A message can only shorten a silence, so inserting one can make itself new and make the next
/// message not new; a Page message answers every earlier new message it is the first Page message after.
/// </summary>
public static class ResponseFacts
{
    public const long SilenceMilliseconds = 24 * 60 * 60 * 1000;

    // Messages that count: a customer's, or a Page message sent by a person or a bot. Instant replies and away
    // messages neither answer nor break a silence; unsent replies do not exist yet for Meta.
    private const string Counts = "status IN ('received', 'sent') AND (automation IS NULL OR automation = 'faq')";

    /// <summary>A customer message was stored.</summary>
    public static async Task OnCustomerMessageAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, string pageId, long messageId, DateTimeOffset at,
        DateTimeOffset? clockStartsAt, CancellationToken cancellationToken)
    {
        var step = new Step(connection, transaction, conversationId, messageId, at.ToUnixTimeMilliseconds(), cancellationToken);
        // One round trip for the usual case (a message after others, nothing after it): the message is new when no
        // message came in the 24 hours before it, and whether any message follows says whether more is to be done.
        const string RecentBefore = $"""
            SELECT 1 FROM messages
            WHERE conversation_id = @ConversationId AND (sent_at < @At OR (sent_at = @At AND id < @MessageId)) AND sent_at > @At - @Silence AND {Counts}
            """;
        Around around;
        await using (var results = await connection.QueryMultipleAsync(step.Command($"""
            INSERT INTO response_facts (message_id, conversation_id, page_id, received_at, clock_start_at, spam)
            SELECT @MessageId, @ConversationId, @PageId, @At, @ClockStart, CASE WHEN spam_at IS NULL THEN 0 ELSE 1 END
            FROM conversations WHERE id = @ConversationId AND NOT EXISTS ({RecentBefore})
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id;
            SELECT
                -- The same type from both databases: Dapper matches the record's constructor by type.
                CAST(CASE WHEN EXISTS ({RecentBefore}) THEN 0 ELSE 1 END AS BIGINT) AS is_new,
                (SELECT id FROM messages
                 WHERE conversation_id = @ConversationId AND (sent_at > @At OR (sent_at = @At AND id > @MessageId)) AND {Counts}
                 ORDER BY sent_at, id LIMIT 1) AS following_id;
            """, new { PageId = pageId, ClockStart = clockStartsAt?.ToUnixTimeMilliseconds(), Silence = SilenceMilliseconds })))
        {
            // The reader must be closed before the next command: PostgreSQL runs one at a time on a connection.
            // The fact's RETURNING is read only to reach the next result.
            await results.ReadAsync<long>();
            around = await results.ReadSingleAsync<Around>();
        }
        var isNew = around.IsNew == 1;
        if (around.FollowingId is not { } followingId)
        {
            return;
        }
        // Delivered out of order: a message is already after this one.
        var following = await connection.QuerySingleAsync<FollowingRow>(step.Command(
            "SELECT id, sent_at, direction, author_user_id, automation, source_app_id FROM messages WHERE id = @FollowingId",
            new { FollowingId = followingId }));
        if (isNew)
        {
            // A Page message may already be there after it (deliveries are not ordered).
            var response = following.Direction == "out"
                ? new ResponseRow(following.Id, following.SentAt, following.AuthorUserId, following.Automation, following.SourceAppId)
                : await connection.QuerySingleOrDefaultAsync<ResponseRow>(step.Command($"""
                    SELECT id, sent_at, author_user_id, automation, source_app_id FROM messages
                    WHERE conversation_id = @ConversationId AND direction = 'out' AND sent_at > @At AND {Counts}
                    ORDER BY sent_at, id LIMIT 1
                    """));
            if (response is not null)
            {
                await AnswerAsync(step, response);
            }
        }
        // The message after this one is no longer new if this one broke its 24 hours of silence.
        if (following.SentAt - step.At < SilenceMilliseconds)
        {
            await connection.ExecuteAsync(step.Command("DELETE FROM response_facts WHERE message_id = @Next", new { Next = following.Id }));
        }
    }

    /// <summary>A Page message was sent (or its time corrected by Meta's echo). <paramref name="automation"/> as stored.</summary>
    public static async Task OnPageMessageAsync(
        DbConnection connection, DbTransaction? transaction, long conversationId, long messageId, DateTimeOffset at, long? authorUserId,
        string? automation, string? sourceAppId, CancellationToken cancellationToken)
    {
        if (automation is not (null or "faq"))
        {
            return;
        }
        var step = new Step(connection, transaction, conversationId, messageId, at.ToUnixTimeMilliseconds(), cancellationToken);
        // The echo's time replaces the one written when the reply was queued.
        await connection.ExecuteAsync(step.Command("UPDATE response_facts SET responded_at = @At WHERE response_message_id = @MessageId"));
        await AnswerAsync(step, new ResponseRow(messageId, step.At, authorUserId, automation, sourceAppId));
        await UnmarkNextAsync(step);
    }

    /// <summary>Marks or unmarks a conversation's messages as spam.</summary>
    public static Task MarkSpamAsync(DbConnection connection, DbTransaction? transaction, long conversationId, bool spam, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE response_facts SET spam = @Spam WHERE conversation_id = @ConversationId",
            new { ConversationId = conversationId, Spam = spam ? 1 : 0 }, transaction, cancellationToken: cancellationToken));

    /// <summary>The Page is available again after a manual Away: the clocks that waited start now.</summary>
    public static Task StartWaitingClocksAsync(DbConnection connection, string pageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE response_facts SET clock_start_at = CASE WHEN received_at > @Now THEN received_at ELSE @Now END WHERE page_id = @PageId AND clock_start_at IS NULL",
            new { PageId = pageId, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));

    // The first Page message after a new message is its response, unless an earlier one already is.
    private static Task<int> AnswerAsync(Step step, ResponseRow response) => step.Connection.ExecuteAsync(step.Command("""
        UPDATE response_facts SET
            response_message_id = @ResponseId, responded_at = @RespondedAt, responder_user_id = @UserId, responder_kind = @Kind
        WHERE conversation_id = @ConversationId AND received_at < @RespondedAt AND (responded_at IS NULL OR responded_at > @RespondedAt)
        """, new { ResponseId = response.Id, RespondedAt = response.SentAt, UserId = response.AuthorUserId, Kind = KindOf(response) }));

    // The message after this one (by Meta's time) is no longer new if this one broke its 24 hours of silence.
    private static async Task UnmarkNextAsync(Step step)
    {
        var next = await step.Connection.QuerySingleOrDefaultAsync<(long Id, long SentAt)?>(step.Command($"""
            SELECT id, sent_at FROM messages
            WHERE conversation_id = @ConversationId AND (sent_at > @At OR (sent_at = @At AND id > @MessageId)) AND {Counts}
            ORDER BY sent_at, id LIMIT 1
            """));
        if (next is { } following && following.SentAt - step.At < SilenceMilliseconds)
        {
            await step.Connection.ExecuteAsync(step.Command("DELETE FROM response_facts WHERE message_id = @Next", new { Next = following.Id }));
        }
    }

    private static string KindOf(ResponseRow response) => response switch
    {
        { AuthorUserId: not null } => "agent",
        { Automation: "faq" } => "bot",
        { SourceAppId: Conversations.ThreadOwner.PageInboxAppId } => "page_inbox",
        { SourceAppId: not null } => "other_app",
        // Sent by this app without an author: an API token or a person on another node; counted as an agent's.
        _ => "agent",
    };

    private sealed record Around(long IsNew, long? FollowingId);

    private sealed record ResponseRow(long Id, long SentAt, long? AuthorUserId, string? Automation, string? SourceAppId);

    private sealed record FollowingRow(long Id, long SentAt, string Direction, long? AuthorUserId, string? Automation, string? SourceAppId);

    private sealed record Step(DbConnection Connection, DbTransaction? Transaction, long ConversationId, long MessageId, long At, CancellationToken CancellationToken)
    {
        public CommandDefinition Command(string sql, object? extra = null)
        {
            var parameters = new DynamicParameters(new { ConversationId, MessageId, At });
            if (extra is not null)
            {
                parameters.AddDynamicParams(extra);
            }
            return new CommandDefinition(sql, parameters, Transaction, cancellationToken: CancellationToken);
        }
    }
}
