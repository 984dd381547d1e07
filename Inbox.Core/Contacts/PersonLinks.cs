using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Contacts;

/// <summary>
/// One customer across the business's Pages. Messenger's ids are per Page, so nothing in Meta's data says two
/// contacts are one person: the team links them, and then sees all their conversations and comments together.
/// </summary>
public sealed class PersonLinks(Database database)
{
    public const int MaxCandidates = 8;

    /// <summary>The person's conversations on other Pages, latest first.</summary>
    public async Task<IReadOnlyList<LinkedConversation>> OthersAsync(long conversationId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT v.id AS conversation_id, g.name AS page_name, k.name AS contact_name, k.psid, v.status, v.last_message_at, v.last_message_preview
            FROM contacts k
            JOIN conversations v ON v.contact_id = k.id
            JOIN pages g ON g.id = v.page_id
            WHERE k.person_id = (SELECT p.person_id FROM conversations c JOIN contacts p ON p.id = c.contact_id WHERE c.id = @Id)
              AND v.id <> @Id
            ORDER BY v.last_message_at DESC
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<LinkedConversation>(new CommandDefinition(Sql, new { Id = conversationId }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// People on the other Pages whose name has the words typed (the last one as a prefix, accents and case ignored),
    /// not linked yet: through the search index, so it stays fast however many people have written.
    /// </summary>
    public async Task<IReadOnlyList<LinkedConversation>> CandidatesAsync(long conversationId, string query, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT v.id AS conversation_id, g.name AS page_name, k.name AS contact_name, k.psid, v.status, v.last_message_at, v.last_message_preview
            FROM conversations me
            JOIN contacts mine ON mine.id = me.contact_id
            JOIN contacts k ON k.id {database.Dialect.IsIn("@ContactIds")}
            JOIN conversations v ON v.contact_id = k.id AND v.page_id <> me.page_id
            JOIN pages g ON g.id = v.page_id
            WHERE me.id = @Id AND COALESCE(k.person_id, k.id) <> COALESCE(mine.person_id, mine.id)
            ORDER BY k.name, v.last_message_at DESC
            LIMIT @Limit
            """;
        // One letter would match nearly everyone; the search runs as the agent types.
        var terms = query.Trim().Length < 2 ? "" : database.Dialect.SearchTerms(query);
        if (terms.Length == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var contactIds = (await connection.QueryAsync<long>(new CommandDefinition(
            database.Dialect.ContactSearchSql, new { Terms = terms, Limit = 200 }, cancellationToken: cancellationToken))).ToList();
        return contactIds.Count == 0 ? [] : [.. await connection.QueryAsync<LinkedConversation>(new CommandDefinition(sql,
            new { Id = conversationId, ContactIds = contactIds, Limit = MaxCandidates }, cancellationToken: cancellationToken))];
    }

    /// <summary>Says the people in two conversations are one: both groups become one.</summary>
    public async Task LinkAsync(long conversationId, long otherConversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var pair = (await connection.QueryAsync<(string PageId, long Group)>(new CommandDefinition("""
            SELECT c.page_id, COALESCE(k.person_id, k.id) FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id IN (@A, @B)
            ORDER BY CASE WHEN c.id = @A THEN 0 ELSE 1 END
            """, new { A = conversationId, B = otherConversationId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (pair.Count != 2)
        {
            throw new UserInputException(CoreText.Get<PersonLinks>("ConversationGone"));
        }
        if (pair[0].PageId == pair[1].PageId)
        {
            throw new UserInputException(CoreText.Get<PersonLinks>("SamePage"));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE contacts SET person_id = @Root WHERE COALESCE(person_id, id) IN (@A, @B)",
            new { Root = Math.Min(pair[0].Group, pair[1].Group), A = pair[0].Group, B = pair[1].Group }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Takes the person in this conversation out of their group; the others stay together.</summary>
    public async Task UnlinkAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var contact = await connection.QuerySingleOrDefaultAsync<(long Id, long? Group)>(new CommandDefinition(
            "SELECT k.id, k.person_id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id = @Id",
            new { Id = conversationId }, transaction, cancellationToken: cancellationToken));
        if (contact.Group is not { } group)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition("UPDATE contacts SET person_id = NULL WHERE id = @Id",
            new { contact.Id }, transaction, cancellationToken: cancellationToken));
        if (group == contact.Id)
        {
            // The group was named after this contact: the others take the smallest id left.
            var root = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT MIN(id) FROM contacts WHERE person_id = @Group", new { Group = group }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("UPDATE contacts SET person_id = @Root WHERE person_id = @Group",
                new { Group = group, Root = root }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
