using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.SavedReplies;

public sealed class SavedReplyStore(Database database, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    /// <summary>The team's replies and the user's own, not archived, by title.</summary>
    public async Task<IReadOnlyList<SavedReply>> ListVisibleToAsync(long userId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT id, owner_user_id, title, shortcut, language, body, archived_at, created_at, updated_at
            FROM saved_replies
            WHERE archived_at IS NULL AND (owner_user_id IS NULL OR owner_user_id = @UserId)
            ORDER BY title, language
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<SavedReply>(new CommandDefinition(Sql, new { UserId = userId }, cancellationToken: cancellationToken))];
    }

    /// <summary>Adds a team reply unless its shortcut already exists in that language; returns whether it was added.</summary>
    public async Task<bool> AddTeamReplyIfMissingAsync(string title, string shortcut, string language, string body, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO saved_replies (title, shortcut, language, body, created_at, updated_at)
            VALUES (@Title, @Shortcut, @Language, @Body, @Now, @Now)
            ON CONFLICT (shortcut, language) WHERE owner_user_id IS NULL DO NOTHING
            """;
        if (!Languages.Contains(language))
        {
            throw new UserInputException($"Language '{language}' is not supported; use one of {string.Join(", ", Languages)}.");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { Title = title, Shortcut = shortcut, Language = language, Body = body, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }
}
