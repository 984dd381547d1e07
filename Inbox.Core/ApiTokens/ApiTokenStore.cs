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
public sealed class ApiTokenStore(Database database, TimeProvider time)
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

    /// <summary>The active user a token belongs to, or null for an unknown, revoked or disabled one.</summary>
    public async Task<User?> FindUserAsync(string token, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE api_tokens SET last_used_at = @Now
            WHERE token_hash = @Hash AND revoked_at IS NULL
            RETURNING user_id
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
        var userId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Sql, new { Hash = Hash(token), Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return userId is null ? null
            : await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(UserSql, new { Id = userId }, cancellationToken: cancellationToken));
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
