using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Storage;

namespace Inbox.Core.Conversations;

/// <summary>Labels on conversations and on contacts. A label is created the first time someone uses its name.</summary>
public sealed class LabelStore(Database database, LiveFeed feed, TimeProvider time)
{
    public const int MaxNameLength = 40;

    public async Task<IReadOnlyList<Label>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Label>(new CommandDefinition("SELECT id, name FROM labels ORDER BY lower(name)", cancellationToken: cancellationToken))];
    }

    /// <summary>The labels of a conversation and of its contact.</summary>
    public async Task<(IReadOnlyList<Label> Conversation, IReadOnlyList<Label> Contact)> ForAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var conversation = await connection.QueryAsync<Label>(new CommandDefinition(
            "SELECT l.id, l.name FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = @Id ORDER BY lower(l.name)",
            new { Id = conversationId }, cancellationToken: cancellationToken));
        var contact = await connection.QueryAsync<Label>(new CommandDefinition("""
            SELECT l.id, l.name FROM conversations c JOIN contact_labels pl ON pl.contact_id = c.contact_id JOIN labels l ON l.id = pl.label_id
            WHERE c.id = @Id ORDER BY lower(l.name)
            """, new { Id = conversationId }, cancellationToken: cancellationToken));
        return ([.. conversation], [.. contact]);
    }

    public async Task AddAsync(long conversationId, LabelTarget target, string name, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new UserInputException(CoreText.Get<LabelStore>("LabelNameLength", MaxNameLength));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Reuses "VIP" when someone types "vip".
        var labelId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM labels WHERE lower(name) = lower(@Name)", new { Name = name }, transaction, cancellationToken: cancellationToken))
            ?? await connection.QuerySingleAsync<long>(new CommandDefinition(
                "INSERT INTO labels (name, created_at) VALUES (@Name, @Now) RETURNING id", new { Name = name, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        var sql = target == LabelTarget.Conversation
            ? "INSERT INTO conversation_labels (conversation_id, label_id) VALUES (@ConversationId, @LabelId) ON CONFLICT DO NOTHING"
            : "INSERT INTO contact_labels (contact_id, label_id) SELECT contact_id, @LabelId FROM conversations WHERE id = @ConversationId ON CONFLICT DO NOTHING";
        await connection.ExecuteAsync(new CommandDefinition(sql, new { ConversationId = conversationId, LabelId = labelId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new InboxChange(conversationId, InboxChangeKind.ConversationUpdated));
    }

    public async Task RemoveAsync(long conversationId, LabelTarget target, long labelId, CancellationToken cancellationToken)
    {
        var sql = target == LabelTarget.Conversation
            ? "DELETE FROM conversation_labels WHERE conversation_id = @ConversationId AND label_id = @LabelId"
            : "DELETE FROM contact_labels WHERE label_id = @LabelId AND contact_id = (SELECT contact_id FROM conversations WHERE id = @ConversationId)";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { ConversationId = conversationId, LabelId = labelId }, cancellationToken: cancellationToken));
        feed.Publish(new InboxChange(conversationId, InboxChangeKind.ConversationUpdated));
    }
}

public sealed record Label(long Id, string Name);

public enum LabelTarget
{
    Conversation,
    /// <summary>The person: the label follows them into every conversation.</summary>
    Contact,
}
