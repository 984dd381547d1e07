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

    /// <summary>
    /// Contacts Meta has not been asked about yet, then those with a stale profile who wrote since it was fetched.
    /// Looked for after every applied group of messages, so neither part reads the whole inbox: the first reads an index
    /// of contacts not asked yet, the second the conversations active since a profile became stale (one is asked for
    /// again when the person writes, so only people who wrote lately can be due).
    /// </summary>
    public async Task<IReadOnlyList<ContactToProfile>> DueForProfileAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ContactToProfile>(new CommandDefinition(
            DueForProfileSql, new { Limit = limit, StaleBefore = time.GetUtcNow() - ProfileStaleAfter }, cancellationToken: cancellationToken))];
    }

    internal const string DueForProfileSql = """
        SELECT id, page_id, psid, conversation_id, profile_checked_at FROM (
            SELECT id, page_id, psid, conversation_id, profile_checked_at FROM (
                SELECT p.id, p.page_id, p.psid, c.id AS conversation_id, p.profile_checked_at
                FROM contacts p JOIN conversations c ON c.contact_id = p.id
                WHERE p.profile_checked_at IS NULL
                ORDER BY p.id LIMIT @Limit) never_asked
            UNION ALL
            SELECT id, page_id, psid, conversation_id, profile_checked_at FROM (
                SELECT p.id, p.page_id, p.psid, c.id AS conversation_id, p.profile_checked_at
                FROM conversations c JOIN contacts p ON p.id = c.contact_id
                WHERE c.last_message_at > @StaleBefore AND p.profile_checked_at < @StaleBefore AND c.last_customer_message_at > p.profile_checked_at
                ORDER BY p.id LIMIT @Limit) stale) due
        ORDER BY profile_checked_at IS NOT NULL, id LIMIT @Limit
        """;

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
