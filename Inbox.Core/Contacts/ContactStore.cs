using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Contacts;

public sealed record ContactToProfile(long Id, string PageId, string Psid, long ConversationId);

public sealed class ContactStore(Database database, TimeProvider time)
{
    /// <summary>Contacts Meta has not yet been asked about.</summary>
    public async Task<IReadOnlyList<ContactToProfile>> WithoutProfileAsync(int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT p.id, p.page_id, p.psid, c.id AS conversation_id
            FROM contacts p JOIN conversations c ON c.contact_id = p.id
            WHERE p.profile_checked_at IS NULL
            ORDER BY p.id LIMIT @Limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ContactToProfile>(new CommandDefinition(Sql, new { Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>Records what Meta said; a null name leaves the placeholder (e.g. error 2018218, no profile).</summary>
    public async Task SetProfileAsync(long contactId, string? name, string? pictureUrl, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE contacts SET name = COALESCE(@Name, name), picture_url = COALESCE(@PictureUrl, picture_url), profile_checked_at = @Now
            WHERE id = @Id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = contactId, Name = name, PictureUrl = pictureUrl, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }
}
