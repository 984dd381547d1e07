using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Contacts;

public sealed record ContactToProfile(long Id, string PageId, string Psid, long ConversationId, DateTimeOffset? ProfileCheckedAt)
{
    /// <summary>This check of the contact's profile, as one item of work: a later check is another.</summary>
    public string WorkItem => $"{Id}@{ProfileCheckedAt?.ToUnixTimeMilliseconds() ?? 0}";
}

public sealed class ContactStore(Database database, TimeProvider time)
{
    /// <summary>
    /// Profile picture URLs from Meta expire and people change names: a profile older than this is asked for again
    /// when the person writes.
    /// </summary>
    public static readonly TimeSpan ProfileStaleAfter = TimeSpan.FromDays(7);

    /// <summary>Contacts Meta has not been asked about yet, then those with a stale profile who wrote since it was fetched.</summary>
    public async Task<IReadOnlyList<ContactToProfile>> DueForProfileAsync(int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT p.id, p.page_id, p.psid, c.id AS conversation_id, p.profile_checked_at
            FROM contacts p JOIN conversations c ON c.contact_id = p.id
            WHERE p.profile_checked_at IS NULL
               OR (p.profile_checked_at < @StaleBefore AND c.last_customer_message_at > p.profile_checked_at)
            ORDER BY p.profile_checked_at IS NOT NULL, p.id LIMIT @Limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ContactToProfile>(new CommandDefinition(
            Sql, new { Limit = limit, StaleBefore = time.GetUtcNow() - ProfileStaleAfter }, cancellationToken: cancellationToken))];
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

    /// <summary>The name a history import read beside a message, kept until the profile lookup says better.</summary>
    public static async Task NameIfUnknownAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string pageId, string psid, string name, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE contacts SET name = @Name WHERE page_id = @PageId AND psid = @Psid AND name IS NULL",
            new { PageId = pageId, Psid = psid, Name = name }, transaction, cancellationToken: cancellationToken));
}
