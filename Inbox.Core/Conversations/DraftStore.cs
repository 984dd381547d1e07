using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Conversations;

/// <summary>An unsent reply or note, as its author left it.</summary>
public sealed record Draft
{
    public string Text { get; init; } = "";

    /// <summary>Written as an internal note rather than a reply.</summary>
    public bool Note { get; init; }
}

/// <summary>
/// Keeps what each agent is writing in each conversation until it is sent, so a reconnect, a reload or a server
/// restart loses nothing. Private to its author: no one else reads another person's draft.
/// </summary>
public sealed class DraftStore(Database database, TimeProvider time)
{
    public async Task<Draft?> GetAsync(long userId, long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Draft>(new CommandDefinition(
            "SELECT text, note FROM drafts WHERE user_id = @UserId AND conversation_id = @ConversationId",
            new { UserId = userId, ConversationId = conversationId }, cancellationToken: cancellationToken));
    }

    /// <summary>Keeps the text; blank text forgets the draft.</summary>
    public async Task SaveAsync(long userId, long conversationId, Draft draft, CancellationToken cancellationToken)
    {
        const string Upsert = """
            INSERT INTO drafts (user_id, conversation_id, text, note, updated_at) VALUES (@UserId, @ConversationId, @Text, @Note, @Now)
            ON CONFLICT (user_id, conversation_id) DO UPDATE SET text = excluded.text, note = excluded.note, updated_at = excluded.updated_at
            """;
        const string Forget = "DELETE FROM drafts WHERE user_id = @UserId AND conversation_id = @ConversationId";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            string.IsNullOrWhiteSpace(draft.Text) ? Forget : Upsert,
            new { UserId = userId, ConversationId = conversationId, draft.Text, Note = draft.Note ? 1 : 0, Now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }
}
