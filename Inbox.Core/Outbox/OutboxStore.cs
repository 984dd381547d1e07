using Dapper;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Core.Storage;

namespace Inbox.Core.Outbox;

/// <summary>
/// Replies are written here before anything is sent, each with our own id (sent to Meta as message.metadata).
/// The send worker takes them in order; the HTTP answer or the echo webhook, whichever comes first, marks one sent.
/// Every move of <see cref="OutboxState"/> is made here, and each one is published on the live feed and wakes the
/// send worker where there is something to send, so no caller has to remember either.
/// </summary>
public sealed class OutboxStore(Database database, LiveFeed feed, SendSignal signal, TimeProvider time)
{
    public const int MaxTextLength = 2000;

    public Task<long> EnqueueReplyAsync(long conversationId, long authorUserId, string text, CancellationToken cancellationToken) =>
        EnqueueReplyAsync(conversationId, authorUserId, text, [], cancellationToken);

    /// <summary>Writes a reply, with optional quick-reply buttons, to the outbox; the send worker takes it from there.</summary>
    public async Task<long> EnqueueReplyAsync(
        long conversationId, long authorUserId, string text, IReadOnlyList<string> quickReplies, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO messages (conversation_id, client_id, direction, text, quick_replies, sent_at, author_user_id, status, next_attempt_at, message_tag)
            SELECT id, @ClientId, 'out', @Text, @QuickReplies, @Now, @AuthorUserId, 'pending', @Now, @Tag FROM conversations WHERE id = @ConversationId
            RETURNING id
            """;
        text = text.Trim();
        if (text.Length == 0)
        {
            throw new UserInputException(CoreText.Get<OutboxStore>("MessageEmpty"));
        }
        if (text.Length > MaxTextLength)
        {
            throw new UserInputException(CoreText.Get<OutboxStore>("MessageTooLong", MaxTextLength, text.Length));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var tag = await TagForAsync(connection, conversationId, cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Sql, new
        {
            Tag = tag,
            ConversationId = conversationId,
            ClientId = "inbox:" + Guid.NewGuid().ToString("N"),
            Text = text,
            QuickReplies = Storage.JsonList.ToJson(Meta.QuickReplies.Validate(quickReplies)),
            Now = time.GetUtcNow(),
            AuthorUserId = authorUserId,
        }, cancellationToken: cancellationToken)) ?? throw new UserInputException(CoreText.Get<OutboxStore>("ConversationGone"));
        signal.Pulse();
        feed.Publish(new InboxChange(conversationId, InboxChangeKind.MessageAdded, id));
        return id;
    }

    // Meta's rule, checked before anything is stored: RESPONSE within 24 hours of the customer's last message,
    // HUMAN_AGENT (if the Page may use it) up to 7 days, nothing after.
    private async Task<string?> TagForAsync(System.Data.Common.DbConnection connection, long conversationId, CancellationToken cancellationToken)
    {
        var window = await connection.QuerySingleOrDefaultAsync<(DateTimeOffset? LastCustomerMessageAt, long HumanAgentEnabled)?>(new CommandDefinition(
            "SELECT c.last_customer_message_at, p.human_agent_enabled FROM conversations c JOIN pages p ON p.id = c.page_id WHERE c.id = @Id",
            new { Id = conversationId }, cancellationToken: cancellationToken)) ?? throw new UserInputException(CoreText.Get<OutboxStore>("ConversationGone"));
        return MessagingWindow.At(window.LastCustomerMessageAt, time.GetUtcNow()) switch
        {
            WindowState.Standard => null,
            WindowState.HumanAgent when window.HumanAgentEnabled == 1 => "HUMAN_AGENT",
            WindowState.HumanAgent => throw new UserInputException(CoreText.Get<OutboxStore>("HumanAgentTagOff")),
            _ => throw new UserInputException(CoreText.Get<OutboxStore>("WindowClosed")),
        };
    }

    /// <summary>
    /// Replies due for a (first or next) attempt, oldest first, at most one per conversation: a reply never overtakes
    /// an earlier one of its conversation that is still on its way (queued, sending, or waiting for its echo).
    /// </summary>
    public async Task<IReadOnlyList<OutboundMessage>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT m.id, m.conversation_id, m.client_id, c.page_id, p.psid, m.text, m.quick_replies AS quick_replies_json, m.message_tag,
                   m.send_attempts, m.send_state, m.sent_at AS written_at
            FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts p ON p.id = c.contact_id
            WHERE m.status = 'pending' AND m.next_attempt_at <= @Now
              AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.conversation_id = m.conversation_id AND e.status = 'pending' AND e.id < m.id)
            ORDER BY m.next_attempt_at, m.id
            LIMIT @Limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<OutboundMessage>(new CommandDefinition(Sql, new { Now = time.GetUtcNow(), Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>When the next pending reply is due, if any.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT MIN(next_attempt_at) FROM messages WHERE status = 'pending'", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Queued (or Unknown, its wait over) to Sending, written before Meta is called: if the process dies during the
    /// call, the reply is still Sending when <paramref name="leaseEnds"/> comes, and is then treated as Unknown that has
    /// waited. False when another node took it first, or its echo settled it.
    /// </summary>
    public async Task<bool> ClaimAsync(OutboundMessage message, DateTimeOffset leaseEnds, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE messages SET send_state = 'sending', send_attempts = send_attempts + 1, next_attempt_at = @LeaseEnds
            WHERE id = @Id AND status = 'pending' AND next_attempt_at <= @Now
            """;
        return await UpdateAsync(message, Sql, new { message.Id, LeaseEnds = leaseEnds, Now = time.GetUtcNow() }, cancellationToken);
    }

    /// <summary>Sending to Sent on Meta's answer; returns false when the echo got there first (nothing to do twice).</summary>
    public async Task<bool> MarkSentAsync(OutboundMessage message, string mid, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE messages SET mid = @Mid, status = 'sent', send_state = NULL, error = NULL, next_attempt_at = NULL
            WHERE id = @Id AND status = 'pending'
            RETURNING sent_at, automation, author_user_id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sent = await connection.QuerySingleOrDefaultAsync<(DateTimeOffset SentAt, string? Automation, long? AuthorUserId)?>(new CommandDefinition(Sql, new { message.Id, Mid = mid }, transaction, cancellationToken: cancellationToken));
        if (sent is { } row)
        {
            await ConversationActivity.RecordPageMessageAsync(
                connection, transaction, message.ConversationId, message.Id, row.SentAt, MessagePreview.For(message.Text, []), row.AuthorUserId, row.Automation, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (sent is not null)
        {
            Publish(message);
        }
        return sent is not null;
    }

    /// <summary>Back to Queued until <paramref name="nextAttemptAt"/>: Meta did not take it, and it is worth trying again.</summary>
    public Task RequeueAsync(OutboundMessage message, DateTimeOffset nextAttemptAt, string note, CancellationToken cancellationToken) => UpdateAsync(message,
        "UPDATE messages SET send_state = NULL, next_attempt_at = @Next, error = @Error WHERE id = @Id AND status = 'pending'",
        new { message.Id, Next = nextAttemptAt, Error = note },
        cancellationToken);

    /// <summary>To Unknown: Meta may have it. Its echo, if it comes by <paramref name="echoDeadline"/>, marks it sent; otherwise it is sent again.</summary>
    public Task MarkUnknownAsync(OutboundMessage message, DateTimeOffset echoDeadline, string note, CancellationToken cancellationToken) => UpdateAsync(message,
        "UPDATE messages SET send_state = 'unknown', next_attempt_at = @Next, error = @Error WHERE id = @Id AND status = 'pending'",
        new { message.Id, Next = echoDeadline, Error = note },
        cancellationToken);

    /// <summary>
    /// Meta answers again for this Page after trouble: its replies waiting out a long backoff are brought forward, to
    /// <paramref name="queuedAt"/>, or <paramref name="unknownAt"/> for those Meta may have (their echo still has its time).
    /// </summary>
    public async Task BringForwardAsync(string pageId, DateTimeOffset queuedAt, DateTimeOffset unknownAt, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE messages SET next_attempt_at = CASE WHEN send_state = 'unknown' THEN @Unknown ELSE @Queued END
            WHERE status = 'pending' AND (send_state IS NULL OR send_state = 'unknown')
              AND next_attempt_at > CASE WHEN send_state = 'unknown' THEN @Unknown ELSE @Queued END
              AND conversation_id IN (SELECT id FROM conversations WHERE page_id = @PageId)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Sql, new { PageId = pageId, Queued = queuedAt, Unknown = unknownAt }, cancellationToken: cancellationToken)) > 0)
        {
            signal.Pulse();
        }
    }

    public Task MarkFailedAsync(OutboundMessage message, string error, string code, CancellationToken cancellationToken) => UpdateAsync(message,
        "UPDATE messages SET status = 'failed', send_state = NULL, next_attempt_at = NULL, error = @Error, error_code = @Code WHERE id = @Id AND status = 'pending'",
        new { message.Id, Error = error, Code = code },
        cancellationToken);

    /// <summary>
    /// Puts a failed reply back in the outbox. Messenger's rules are checked again as for a new reply, so after
    /// 24 hours it goes with the human agent tag (if the Page may use it), and after 7 days it is refused.
    /// </summary>
    public async Task RetryAsync(long messageId, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE messages SET status = 'pending', send_state = NULL, send_attempts = 0, next_attempt_at = @Now, error = NULL, error_code = NULL, message_tag = @Tag
            WHERE id = @Id AND status = 'failed' AND direction = 'out' AND automation IS NULL
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var conversationId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT conversation_id FROM messages WHERE id = @Id AND status = 'failed' AND automation IS NULL", new { Id = messageId }, cancellationToken: cancellationToken))
            ?? throw new UserInputException(CoreText.Get<OutboxStore>("OnlyFailedReplies"));
        var tag = await TagForAsync(connection, conversationId, cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = messageId, Tag = tag, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)) > 0)
        {
            signal.Pulse();
            feed.Publish(new InboxChange(conversationId, InboxChangeKind.MessageUpdated, messageId));
        }
    }

    private async Task<bool> UpdateAsync(OutboundMessage message, string sql, object parameters, CancellationToken cancellationToken)
    {
        int changed;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        }
        if (changed > 0)
        {
            Publish(message);
        }
        return changed > 0;
    }

    private void Publish(OutboundMessage message) => feed.Publish(new InboxChange(message.ConversationId, InboxChangeKind.MessageUpdated, message.Id));
}
