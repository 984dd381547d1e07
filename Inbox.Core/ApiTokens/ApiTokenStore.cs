using System.Security.Cryptography;
using System.Text;
using Dapper;
using Inbox.Core.Storage;
using Inbox.Core.Users;

namespace Inbox.Core.ApiTokens;

/// <summary>
/// Personal API tokens. The token is shown once when created; only its SHA-256 is stored, which is enough for a
/// 256-bit random secret (no slow hash needed: nothing to brute-force).
/// </summary>
public sealed class ApiTokenStore(Database database, TimeProvider time, UserChanges changes)
{
    public const string Prefix = "inbox_";

    /// <summary>Creates a token for the user and returns it in clear, the only time it exists outside the caller.</summary>
    public async Task<string> CreateAsync(long userId, string name, CancellationToken cancellationToken)
    {
        const string Sql = "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (@UserId, @Name, @Hash, @CreatedAt)";
        name = name.Trim();
        if (name.Length == 0)
        {
            throw new UserInputException(CoreText.Get<ApiTokenStore>("NameRequired"));
        }
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { UserId = userId, Name = name, Hash = Hash(token), CreatedAt = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>The token and the active user it belongs to, or null for an unknown, revoked or disabled one.</summary>
    public async Task<ApiTokenOwner?> FindOwnerAsync(string token, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE api_tokens SET last_used_at = @Now
            WHERE token_hash = @Hash AND revoked_at IS NULL
            RETURNING id, user_id
            """;
        const string UserSql = """
            SELECT id, email, display_name, role, password_hash, security_stamp, failed_sign_ins, locked_until, disabled_at, created_at
            FROM users WHERE id = @Id AND disabled_at IS NULL
            """;
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<(long Id, long UserId)?>(new CommandDefinition(Sql, new { Hash = Hash(token), Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        if (found is not { } row)
        {
            return null;
        }
        var user = await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(UserSql, new { Id = row.UserId }, cancellationToken: cancellationToken));
        return user is null ? null : new ApiTokenOwner(row.Id, user);
    }

    /// <summary>Whether a token still works (not revoked), for connections that authenticated with it earlier.</summary>
    public async Task<bool> IsActiveAsync(long tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_tokens WHERE id = @Id AND revoked_at IS NULL", new { Id = tokenId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Every token that still works, newest first, with whose it is and when it was last used; never the secret.</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListActiveAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT t.id, t.user_id, u.email AS user_email, t.name, t.created_at, t.last_used_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.revoked_at IS NULL
            ORDER BY t.created_at DESC, t.id DESC
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ApiTokenInfo>(new CommandDefinition(Sql, cancellationToken: cancellationToken))];
    }

    /// <summary>Stops a token working at once; the hub closes connections made with it. Fails in words for an unknown one.</summary>
    public async Task<ApiTokenInfo> RevokeAsync(long tokenId, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE api_tokens SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL
            RETURNING id, user_id, (SELECT email FROM users WHERE users.id = api_tokens.user_id) AS user_email, name, created_at, last_used_at
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var revoked = await connection.QuerySingleOrDefaultAsync<ApiTokenInfo>(new CommandDefinition(Sql, new { Id = tokenId, Now = time.GetUtcNow() }, cancellationToken: cancellationToken))
            ?? throw new UserInputException(CoreText.Get<ApiTokenStore>("NoSuchToken", tokenId));
        changes.Publish(new UserChange(revoked.UserId, revoked.Id));
        return revoked;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
