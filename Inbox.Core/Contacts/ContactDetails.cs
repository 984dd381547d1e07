using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Contacts;

/// <summary>What the team keeps about a person (a private note, named details) and their comments under the Page's posts.</summary>
public sealed class ContactDetails(Database database)
{
    public const int MaxNoteLength = 5000;

    public async Task<(string? Note, IReadOnlyList<ContactAttribute> Attributes, IReadOnlyList<ContactComment> Comments)> ForConversationAsync(
        long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var note = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT p.private_note FROM conversations c JOIN contacts p ON p.id = c.contact_id WHERE c.id = @Id", new { Id = conversationId }, cancellationToken: cancellationToken));
        var attributes = await connection.QueryAsync<ContactAttribute>(new CommandDefinition("""
            SELECT a.name, a.value FROM conversations c JOIN contact_attributes a ON a.contact_id = c.contact_id WHERE c.id = @Id ORDER BY lower(a.name)
            """, new { Id = conversationId }, cancellationToken: cancellationToken));
        // Facebook ids under posts differ from Messenger ids: a private reply is what ties a commenter to this
        // conversation (or to the same person's conversation on another Page they were linked with), and then every
        // comment by the same commenter belongs to the person.
        var comments = await connection.QueryAsync<ContactComment>(new CommandDefinition("""
            SELECT k.id, k.message, k.created_at, p.message AS post_message
            FROM comments k LEFT JOIN posts p ON p.id = k.post_id
            WHERE k.from_id IN (
                SELECT c.from_id FROM messages m JOIN comments c ON c.id = m.comment_id
                WHERE m.conversation_id = @Id OR m.conversation_id IN (
                    SELECT v.id FROM conversations v JOIN contacts o ON o.id = v.contact_id
                    WHERE o.person_id = (SELECT me.person_id FROM conversations x JOIN contacts me ON me.id = x.contact_id WHERE x.id = @Id)))
            ORDER BY k.created_at DESC LIMIT 50
            """, new { Id = conversationId }, cancellationToken: cancellationToken));
        return (note, [.. attributes], [.. comments]);
    }

    public async Task SetNoteAsync(long conversationId, string? note, CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxNoteLength)
        {
            throw new UserInputException(CoreText.Get<ContactDetails>("NoteTooLong", MaxNoteLength));
        }
        await ExecuteAsync("UPDATE contacts SET private_note = @Note WHERE id = (SELECT contact_id FROM conversations WHERE id = @Id)",
            new { Id = conversationId, Note = note }, cancellationToken);
    }

    public async Task SetAttributeAsync(long conversationId, string name, string value, CancellationToken cancellationToken)
    {
        (name, value) = (name.Trim(), value.Trim());
        if (name.Length is 0 or > 40 || value.Length is 0 or > 200)
        {
            throw new UserInputException(CoreText.Get<ContactDetails>("DetailInvalid"));
        }
        await ExecuteAsync("""
            INSERT INTO contact_attributes (contact_id, name, value) SELECT contact_id, @Name, @Value FROM conversations WHERE id = @Id
            ON CONFLICT (contact_id, name) DO UPDATE SET value = excluded.value
            """, new { Id = conversationId, Name = name, Value = value }, cancellationToken);
    }

    public Task RemoveAttributeAsync(long conversationId, string name, CancellationToken cancellationToken) => ExecuteAsync(
        "DELETE FROM contact_attributes WHERE name = @Name AND contact_id = (SELECT contact_id FROM conversations WHERE id = @Id)",
        new { Id = conversationId, Name = name }, cancellationToken);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}

public sealed record ContactAttribute(string Name, string Value);

/// <summary>A comment the person wrote, linked to them by a private reply Meta delivered to their Messenger.</summary>
public sealed record ContactComment(string Id, string? Message, DateTimeOffset CreatedAt, string? PostMessage);
