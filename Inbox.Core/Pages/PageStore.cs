using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Pages;

public sealed class PageStore(Database database, TimeProvider time)
{
    public async Task<IReadOnlyList<FacebookPage>> ListAsync(CancellationToken cancellationToken)
    {
        // The token column is only tested for presence: it never leaves the store.
        const string Sql = """
            SELECT id, name, time_zone, access_token_protected IS NOT NULL AS has_access_token, created_at
            FROM pages ORDER BY name
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<FacebookPage>(new CommandDefinition(Sql, cancellationToken: cancellationToken))];
    }

    /// <summary>Adds a Page unless one with the same id exists; returns whether it was added.</summary>
    public async Task<bool> AddIfMissingAsync(string id, string name, string timeZone, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO pages (id, name, time_zone, created_at) VALUES (@Id, @Name, @TimeZone, @CreatedAt)
            ON CONFLICT (id) DO NOTHING
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, Name = name, TimeZone = timeZone, CreatedAt = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }
}
