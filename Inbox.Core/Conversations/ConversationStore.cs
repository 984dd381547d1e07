using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Conversations;

/// <summary>Reads conversations and their messages, newest activity first.</summary>
public sealed class ConversationStore(Database database)
{
    internal const string SummarySelect = """
        SELECT c.id, c.page_id, pg.name AS page_name, pg.human_agent_enabled AS page_allows_human_agent, p.psid, p.name AS contact_name, p.picture_url AS contact_picture_url,
               c.last_message_at, c.last_message_preview, c.last_message_direction, c.last_customer_message_at,
               c.waiting_since, c.unread_count, c.human_requested_at, c.origin, c.thread_owner_app_id, c.spam_at,
               c.status, c.snoozed_until, c.assignee_user_id, au.display_name AS assignee_name, c.team_id, t.name AS team_name,
               (SELECT lr.status FROM messages lr WHERE lr.conversation_id = c.id AND lr.direction = 'out'
                ORDER BY lr.sent_at DESC, lr.id DESC LIMIT 1) = 'failed' AS last_reply_failed
        FROM conversations c JOIN contacts p ON p.id = c.contact_id JOIN pages pg ON pg.id = c.page_id
        LEFT JOIN users au ON au.id = c.assignee_user_id
        LEFT JOIN teams t ON t.id = c.team_id
        """;

    private const string MessageSelect = """
        SELECT m.id, m.conversation_id, m.mid, m.client_id, m.direction, m.text, m.attachments AS attachments_json,
               m.quick_reply_payload, m.sent_at, m.author_user_id, u.display_name AS author_name, m.source_app_id,
               m.status, m.delivered_at, m.read_at, m.error, m.automation, m.quick_replies AS quick_replies_json,
               m.error_code, m.postback_payload, m.reply_to_mid, m.comment_id, r.emoji AS reaction,
               (SELECT e.text FROM message_edits e WHERE e.mid = m.mid ORDER BY e.num_edit DESC LIMIT 1) AS edited_text,
               q.id AS quoted_message_id, COALESCE(q.text, CASE WHEN q.attachments IS NOT NULL THEN 'Attachment' END) AS quoted_text,
               cm.message AS comment_text
        FROM messages m
        LEFT JOIN users u ON u.id = m.author_user_id
        LEFT JOIN message_reactions r ON r.mid = m.mid
        LEFT JOIN messages q ON q.mid = m.reply_to_mid
        LEFT JOIN comments cm ON cm.id = m.comment_id
        """;

    public Task<int> CountAsync(CancellationToken cancellationToken) => CountAsync(ConversationFilter.All, cancellationToken);

    public async Task<int> CountAsync(ConversationFilter filter, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) FROM conversations c {Where(filter)}";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { filter.Origin, filter.UserId, filter.LabelId }, cancellationToken: cancellationToken));
    }

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(int offset, int limit, CancellationToken cancellationToken) =>
        ListAsync(ConversationFilter.All, offset, limit, cancellationToken);

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConversationSummary>(new CommandDefinition(ListSql(filter), ListParameters(filter, offset, limit), cancellationToken: cancellationToken))];
    }

    /// <summary>The count and a page of rows in one round trip, as a list showing both reads them.</summary>
    public async Task<(int Total, IReadOnlyList<ConversationSummary> Rows)> PageAsync(ConversationFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) FROM conversations c {Where(filter)}; {ListSql(filter)}";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, ListParameters(filter, offset, limit), cancellationToken: cancellationToken));
        var total = await results.ReadSingleAsync<long>();
        return ((int)total, [.. await results.ReadAsync<ConversationSummary>()]);
    }

    /// <summary>
    /// The page's conversations are picked first, from the conversations alone, and only they are joined to their
    /// contact, Page, assignee and team and looked up for a failed reply. Written as one query, PostgreSQL without
    /// fresh statistics (a new database, a burst of new customers before autovacuum's next visit) joined every open
    /// conversation before sorting: 15-34 ms per read instead of under one, read for every change.
    /// </summary>
    internal static string ListSql(ConversationFilter filter)
    {
        var order = filter.View == InboxView.Snoozed ? "c.snoozed_until, c.id"
            : filter.Sort == ConversationSort.ClosestToBreach ? "c.waiting_since IS NULL, c.waiting_since, c.last_message_at DESC, c.id DESC"
            : "c.last_message_at DESC, c.id DESC";
        return $"{SummarySelect} WHERE c.id IN (SELECT c.id FROM conversations c {Where(filter)} ORDER BY {order} LIMIT @Limit OFFSET @Offset) ORDER BY {order}";
    }

    private static DynamicParameters ListParameters(ConversationFilter filter, int offset, int limit)
    {
        var parameters = new DynamicParameters(new { filter.Origin, filter.UserId, filter.LabelId });
        parameters.AddDynamicParams(new { Offset = offset, Limit = limit });
        return parameters;
    }

    // Only fixed SQL fragments are added; the filter's values travel as parameters.
    private static string Where(ConversationFilter filter)
    {
        var conditions = new List<string>();
        conditions.Add(filter.Origin switch
        {
            null => "1 = 1",
            ConversationOrigin.None => "c.origin IS NULL",
            _ => "c.origin = @Origin",
        });
        conditions.Add(filter.View switch
        {
            null => "1 = 1",
            // Mine: assigned to me, or handed to one of my teams and not yet taken by anyone.
            InboxView.Mine => """
                c.status IN ('open', 'pending') AND (c.assignee_user_id = @UserId OR (c.assignee_user_id IS NULL
                    AND c.team_id IN (SELECT team_id FROM team_members WHERE user_id = @UserId)))
                """,
            InboxView.Unassigned => "c.assignee_user_id IS NULL AND c.status = 'open'",
            InboxView.Done => "c.status = 'done'",
            InboxView.Snoozed => "c.status = 'snoozed'",
            InboxView.Mentions => "EXISTS (SELECT 1 FROM mentions m WHERE m.conversation_id = c.id AND m.user_id = @UserId AND m.seen_at IS NULL)",
            _ => "c.status IN ('open', 'pending')",
        });
        if (filter.LabelId is not null)
        {
            conditions.Add("""
                (EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = c.id AND cl.label_id = @LabelId)
                 OR EXISTS (SELECT 1 FROM contact_labels pl WHERE pl.contact_id = c.contact_id AND pl.label_id = @LabelId))
                """);
        }
        return "WHERE " + string.Join(" AND ", conditions);
    }

    /// <summary>How many conversations each view holds for a user, for the live counts beside the views.</summary>
    public async Task<IReadOnlyDictionary<InboxView, int>> ViewCountsAsync(long userId, CancellationToken cancellationToken) =>
        (await EveryonesViewCountsAsync(cancellationToken)).For(userId);

    /// <summary>
    /// Every view's count for every user in one round trip: Mine is what is assigned to the user plus what waits
    /// unassigned in one of the user's teams (a conversation is in at most one team, so the two never overlap).
    /// </summary>
    public async Task<ViewCounts> EveryonesViewCountsAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT
                SUM(CASE WHEN assignee_user_id IS NULL AND status = 'open' THEN 1 ELSE 0 END) AS unassigned,
                SUM(CASE WHEN status IN ('open', 'pending') THEN 1 ELSE 0 END) AS all_open,
                SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done,
                SUM(CASE WHEN status = 'snoozed' THEN 1 ELSE 0 END) AS snoozed
            FROM conversations;
            SELECT assignee_user_id AS user_id, COUNT(*) AS count FROM conversations
            WHERE status IN ('open', 'pending') AND assignee_user_id IS NOT NULL GROUP BY assignee_user_id;
            SELECT tm.user_id, COUNT(*) AS count FROM conversations c JOIN team_members tm ON tm.team_id = c.team_id
            WHERE c.status IN ('open', 'pending') AND c.assignee_user_id IS NULL GROUP BY tm.user_id;
            SELECT user_id, COUNT(DISTINCT conversation_id) AS count FROM mentions WHERE seen_at IS NULL GROUP BY user_id;
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        var totals = await results.ReadSingleAsync<(long? Unassigned, long? All, long? Done, long? Snoozed)>();
        var mine = new Dictionary<long, int>();
        foreach (var (userId, count) in (await results.ReadAsync<(long, long)>()).Concat(await results.ReadAsync<(long, long)>()))
        {
            mine[userId] = mine.GetValueOrDefault(userId) + (int)count;
        }
        var mentions = (await results.ReadAsync<(long UserId, long Count)>()).ToDictionary(row => row.UserId, row => (int)row.Count);
        return new ViewCounts((int)(totals.Unassigned ?? 0), (int)(totals.All ?? 0), (int)(totals.Done ?? 0), (int)(totals.Snoozed ?? 0), mine, mentions);
    }

    public async Task<ConversationSummary?> GetAsync(long id, CancellationToken cancellationToken)
    {
        const string Sql = $"{SummarySelect} WHERE c.id = @Id";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConversationSummary>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>The whole history in Meta's time order; replies not yet sent sort by when they were written.</summary>
    public async Task<IReadOnlyList<Message>> MessagesAsync(long conversationId, CancellationToken cancellationToken)
    {
        const string Sql = $"{MessageSelect} WHERE m.conversation_id = @Id ORDER BY m.sent_at, m.id";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Message>(new CommandDefinition(Sql, new { Id = conversationId }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// The latest <paramref name="limit"/> messages in Meta's time order, and whether earlier ones exist: an open
    /// thread re-reads on every change to its conversation, so what it reads must not grow with the conversation.
    /// </summary>
    public async Task<MessagePage> RecentMessagesAsync(long conversationId, int limit, CancellationToken cancellationToken)
    {
        const string Sql = $"{MessageSelect} WHERE m.conversation_id = @Id ORDER BY m.sent_at DESC, m.id DESC LIMIT @Limit";
        await using var connection = await database.OpenAsync(cancellationToken);
        var newestFirst = (await connection.QueryAsync<Message>(new CommandDefinition(Sql, new { Id = conversationId, Limit = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        return new MessagePage([.. newestFirst.Take(limit).Reverse()], newestFirst.Count > limit);
    }

    public async Task<Message?> MessageAsync(long messageId, CancellationToken cancellationToken)
    {
        const string Sql = $"{MessageSelect} WHERE m.id = @Id";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Message>(new CommandDefinition(Sql, new { Id = messageId }, cancellationToken: cancellationToken));
    }

    /// <summary>What the person wrote first and each edit after, oldest first.</summary>
    public async Task<IReadOnlyList<MessageVersion>> EditHistoryAsync(long messageId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT 0 AS number, m.text, m.sent_at AS at FROM messages m WHERE m.id = @Id
            UNION ALL
            SELECT e.num_edit, e.text, e.edited_at FROM message_edits e JOIN messages m ON m.mid = e.mid WHERE m.id = @Id
            ORDER BY number
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<MessageVersion>(new CommandDefinition(Sql, new { Id = messageId }, cancellationToken: cancellationToken))];
    }

    /// <summary>Every referral that brought the person, oldest first.</summary>
    public async Task<IReadOnlyList<ConversationReferral>> ReferralsAsync(long conversationId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT id, source, type, ref, ad_id, ad_title, photo_url, video_url, post_id, referer_uri, occurred_at
            FROM referrals WHERE conversation_id = @Id ORDER BY occurred_at, id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConversationReferral>(new CommandDefinition(Sql, new { Id = conversationId }, cancellationToken: cancellationToken))];
    }

    /// <summary>Opt-ins and thread control changes, oldest first.</summary>
    public async Task<IReadOnlyList<ConversationOptIn>> OptInsAsync(long conversationId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT type, topic, payload, frequency, status, expires_at, occurred_at
            FROM opt_ins WHERE conversation_id = @Id ORDER BY occurred_at, id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConversationOptIn>(new CommandDefinition(Sql, new { Id = conversationId }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<ConversationEvent>> EventsAsync(long conversationId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT e.id, e.kind, e.detail, e.occurred_at, u.display_name AS user_name
            FROM conversation_events e LEFT JOIN users u ON u.id = e.user_id
            WHERE e.conversation_id = @Id ORDER BY e.occurred_at, e.id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConversationEvent>(new CommandDefinition(Sql, new { Id = conversationId }, cancellationToken: cancellationToken))];
    }

    /// <summary>Marks a conversation as spam at <paramref name="markedAt"/> (null: not spam); spam leaves the responsiveness figures.</summary>
    public async Task SetSpamAsync(long conversationId, DateTimeOffset? markedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET spam_at = @MarkedAt WHERE id = @Id",
            new { Id = conversationId, MarkedAt = markedAt }, transaction, cancellationToken: cancellationToken));
        await Responsiveness.ResponseFacts.MarkSpamAsync(connection, transaction, conversationId, markedAt is not null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The name of whoever else answered the customer since a moment: a teammate, the bot, or the Page elsewhere.</summary>
    public async Task<string?> PageReplyByOtherSinceAsync(long conversationId, DateTimeOffset since, long userId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT COALESCE(u.display_name, CASE WHEN m.automation IS NOT NULL THEN 'The bot' ELSE 'The Page' END)
            FROM messages m LEFT JOIN users u ON u.id = m.author_user_id
            WHERE m.conversation_id = @Id AND m.direction = 'out' AND m.sent_at > @Since AND m.status <> 'failed'
              AND (m.author_user_id IS NULL OR m.author_user_id <> @UserId)
              AND (m.automation IS NULL OR m.automation = 'faq')
            ORDER BY m.sent_at DESC LIMIT 1
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            Sql, new { Id = conversationId, Since = since, UserId = userId }, cancellationToken: cancellationToken));
    }

    /// <summary>Clears the unread count; returns whether there was anything unread.</summary>
    public async Task<bool> MarkReadAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET unread_count = 0 WHERE id = @Id AND unread_count > 0", new { Id = conversationId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>How many conversations have messages no agent has opened yet.</summary>
    public async Task<int> UnreadConversationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM conversations WHERE unread_count > 0", cancellationToken: cancellationToken));
    }
}
