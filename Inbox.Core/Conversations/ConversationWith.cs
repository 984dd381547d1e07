using System.Data.Common;
using Dapper;

namespace Inbox.Core.Conversations;

/// <summary>Finds or starts the Messenger conversation with a person, inside the caller's transaction.</summary>
public static class ConversationWith
{
    public static async Task<long> PersonAsync(
        DbConnection connection, DbTransaction transaction, string pageId, string psid, string? name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // DO UPDATE with an unchanged value makes RETURNING give the existing row's id too.
        const string Contact = """
            INSERT INTO contacts (page_id, psid, name, created_at) VALUES (@PageId, @Psid, @Name, @Now)
            ON CONFLICT (page_id, psid) DO UPDATE SET name = COALESCE(contacts.name, excluded.name)
            RETURNING id
            """;
        const string Conversation = """
            INSERT INTO conversations (page_id, contact_id, last_message_at, created_at) VALUES (@PageId, @ContactId, @Now, @Now)
            ON CONFLICT (contact_id) DO UPDATE SET contact_id = excluded.contact_id
            RETURNING id
            """;
        var contactId = await connection.QuerySingleAsync<long>(new CommandDefinition(
            Contact, new { PageId = pageId, Psid = psid, Name = name, Now = now }, transaction, cancellationToken: cancellationToken));
        return await connection.QuerySingleAsync<long>(new CommandDefinition(
            Conversation, new { PageId = pageId, ContactId = contactId, Now = now }, transaction, cancellationToken: cancellationToken));
    }
}
