using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Conversations;

/// <summary>Reads conversations and their messages, newest activity first.</summary>
public sealed class ConversationStore(Database database)
{
    private const string SummarySelect = """
        SELECT c.id, c.page_id, pg.name AS page_name, pg.human_agent_enabled AS page_allows_human_agent, p.psid, p.name AS contact_name, p.picture_url AS contact_picture_url,
               c.last_message_at, c.last_message_preview, c.last_message_direction, c.last_customer_message_at,
               c.waiting_since, c.unread_count, c.human_requested_at
        FROM conversations c JOIN contacts p ON p.id = c.contact_id JOIN pages pg ON pg.id = c.page_id
        """;

    private const string MessageSelect = """
        SELECT m.id, m.conversation_id, m.mid, m.client_id, m.direction, m.text, m.attachments AS attachments_json,
               m.quick_reply_payload, m.sent_at, m.author_user_id, u.display_name AS author_name, m.source_app_id,
               m.status, m.delivered_at, m.read_at, m.error, m.automation, m.quick_replies AS quick_replies_json
        FROM messages m LEFT JOIN users u ON u.id = m.author_user_id
        """;

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM conversations", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        const string Sql = $"{SummarySelect} ORDER BY c.last_message_at DESC, c.id DESC LIMIT @Limit OFFSET @Offset";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConversationSummary>(new CommandDefinition(Sql, new { Offset = offset, Limit = limit }, cancellationToken: cancellationToken))];
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

    public async Task<Message?> MessageAsync(long messageId, CancellationToken cancellationToken)
    {
        const string Sql = $"{MessageSelect} WHERE m.id = @Id";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Message>(new CommandDefinition(Sql, new { Id = messageId }, cancellationToken: cancellationToken));
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
