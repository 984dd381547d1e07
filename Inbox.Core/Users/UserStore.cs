using Dapper;
using Inbox.Core.Storage;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Core.Users;

public sealed class UserStore(Database database, IPasswordHasher<User> hasher, TimeProvider time, UserChanges changes)
{
    public const int MinimumPasswordLength = 8;

    private const string Columns = "id, email, display_name, role, password_hash, security_stamp, failed_sign_ins, locked_until, disabled_at, created_at, max_open_conversations, language, time_zone";

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public async Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM users WHERE email = @Email";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(Sql, new { Email = NormalizeEmail(email) }, cancellationToken: cancellationToken));
    }

    public async Task<User?> FindByIdAsync(long id, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM users WHERE id = @Id";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM users ORDER BY display_name, email";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<User>(new CommandDefinition(Sql, cancellationToken: cancellationToken))];
    }

    /// <summary>Creates a user; fails with a message a person can act on when the input is not acceptable.</summary>
    public async Task<User> AddAsync(string email, string displayName, UserRole role, string password, CancellationToken cancellationToken)
    {
        const string Sql = $"""
            INSERT INTO users (email, display_name, role, password_hash, security_stamp, created_at)
            VALUES (@Email, @DisplayName, @Role, @PasswordHash, @SecurityStamp, @CreatedAt)
            ON CONFLICT (email) DO NOTHING
            RETURNING {Columns}
            """;
        email = NormalizeEmail(email);
        displayName = displayName.Trim();
        ValidateEmail(email);
        if (displayName.Length == 0)
        {
            throw new UserInputException(CoreText.Get<UserStore>("NameRequired"));
        }
        ValidatePassword(password);

        var draft = new User { Email = email, DisplayName = displayName, Role = role, PasswordHash = "", SecurityStamp = "" };
        await using var connection = await database.OpenAsync(cancellationToken);
        var created = await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(Sql, new
        {
            Email = email,
            DisplayName = displayName,
            Role = role.ToString(),
            PasswordHash = hasher.HashPassword(draft, password),
            SecurityStamp = NewSecurityStamp(),
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        return created ?? throw new UserInputException(CoreText.Get<UserStore>("EmailTaken", email));
    }

    public async Task SetPasswordAsync(long id, string password, CancellationToken cancellationToken)
    {
        ValidatePassword(password);
        var user = await FindByIdAsync(id, cancellationToken) ?? throw new UserInputException(CoreText.Get<UserStore>("UserGone"));
        // A new password ends every session and revokes every API token: whoever knew the old one may have made them.
        const string Sql = """
            UPDATE users SET password_hash = @Hash, security_stamp = @Stamp, failed_sign_ins = 0, locked_until = NULL WHERE id = @Id;
            UPDATE api_tokens SET revoked_at = @Now WHERE user_id = @Id AND revoked_at IS NULL;
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql,
            new { Id = id, Hash = hasher.HashPassword(user, password), Stamp = NewSecurityStamp(), Now = time.GetUtcNow() },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        changes.Publish(new UserChange(id));
    }

    public async Task SetRoleAsync(long id, UserRole role, CancellationToken cancellationToken)
    {
        if (role != UserRole.Admin)
        {
            await EnsureAnotherActiveAdminAsync(id, cancellationToken);
        }
        await UpdateAsync(
            "UPDATE users SET role = @Role, security_stamp = @Stamp WHERE id = @Id",
            new { Id = id, Role = role.ToString(), Stamp = NewSecurityStamp() },
            cancellationToken);
        changes.Publish(new UserChange(id));
    }

    public async Task SetCapacityAsync(long id, int maxOpenConversations, CancellationToken cancellationToken)
    {
        if (maxOpenConversations is < 0 or > 500)
        {
            throw new UserInputException(CoreText.Get<UserStore>("CapacityRange"));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET max_open_conversations = @Max WHERE id = @Id", new { Id = id, Max = maxOpenConversations }, cancellationToken: cancellationToken));
        changes.Publish(new UserChange(id));
    }

    /// <summary>The interface language a person chose; null follows their browser's.</summary>
    public async Task SetLanguageAsync(long id, string? language, CancellationToken cancellationToken)
    {
        if (language is not null && !UserLanguages.IsSupported(language))
        {
            throw new UserInputException(CoreText.Get<UserStore>("LanguageNotSupported",
                UserLanguages.Supported.Aggregate((first, next) => CoreText.Get<UserStore>("LanguageAnd", first, next)), language));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET language = @Language WHERE id = @Id", new { Id = id, Language = language }, cancellationToken: cancellationToken));
        changes.Publish(new UserChange(id));
    }

    /// <summary>The time zone a person's browser reports (an IANA id); an unknown id is ignored. Returns whether it changed.</summary>
    public async Task<bool> SetTimeZoneAsync(long id, string timeZone, CancellationToken cancellationToken)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            return false;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET time_zone = @TimeZone WHERE id = @Id AND (time_zone IS NULL OR time_zone <> @TimeZone)",
            new { Id = id, TimeZone = timeZone }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Disabling ends the user's sessions (new stamp) and refuses their sign-ins and API tokens.</summary>
    public async Task SetDisabledAsync(long id, bool disabled, CancellationToken cancellationToken)
    {
        if (disabled)
        {
            await EnsureAnotherActiveAdminAsync(id, cancellationToken);
        }
        await UpdateAsync(
            "UPDATE users SET disabled_at = @DisabledAt, security_stamp = @Stamp WHERE id = @Id",
            new { Id = id, DisabledAt = disabled ? time.GetUtcNow() : (DateTimeOffset?)null, Stamp = NewSecurityStamp() },
            cancellationToken);
        changes.Publish(new UserChange(id));
    }

    public async Task UnlockAsync(long id, CancellationToken cancellationToken)
    {
        await UpdateAsync("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @Id", new { Id = id }, cancellationToken);
        changes.Publish(new UserChange(id));
    }

    /// <summary>
    /// Takes one of the account's password checks, in one statement so concurrent attempts cannot all read the same
    /// count: returns which attempt this is, or null when the account is locked or its attempts are all under way.
    /// </summary>
    internal async Task<int?> ReserveSignInAttemptAsync(long id, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE users SET failed_sign_ins = failed_sign_ins + 1, locked_until = NULL
            WHERE id = @Id AND failed_sign_ins < @Max AND (locked_until IS NULL OR locked_until <= @Now)
            RETURNING failed_sign_ins
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(Sql, new { Id = id, Max = maxAttempts, Now = now }, cancellationToken: cancellationToken));
    }

    /// <summary>The last attempt failed: the account is locked until <paramref name="until"/>, and its attempts start again after.</summary>
    internal Task LockAsync(long id, DateTimeOffset until, CancellationToken cancellationToken) => UpdateAsync(
        "UPDATE users SET failed_sign_ins = 0, locked_until = @Until WHERE id = @Id", new { Id = id, Until = until }, cancellationToken);

    internal Task RecordSuccessfulSignInAsync(long id, string? rehashedPassword, CancellationToken cancellationToken) => UpdateAsync(
        "UPDATE users SET failed_sign_ins = 0, locked_until = NULL, password_hash = COALESCE(@Rehashed, password_hash) WHERE id = @Id",
        new { Id = id, Rehashed = rehashedPassword },
        cancellationToken);

    // Without an active admin nobody could manage users or Pages any more.
    private async Task EnsureAnotherActiveAdminAsync(long id, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT
                (SELECT COUNT(*) FROM users WHERE id = @Id AND role = 'Admin' AND disabled_at IS NULL),
                (SELECT COUNT(*) FROM users WHERE id <> @Id AND role = 'Admin' AND disabled_at IS NULL)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var (isActiveAdmin, otherAdmins) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: cancellationToken));
        if (isActiveAdmin == 1 && otherAdmins == 0)
        {
            throw new UserInputException(CoreText.Get<UserStore>("LastAdmin"));
        }
    }

    private async Task UpdateAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private static string NewSecurityStamp() => Guid.NewGuid().ToString("N");

    private static void ValidateEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
        {
            throw new UserInputException(CoreText.Get<UserStore>("NotAnEmail", email));
        }
    }

    private static void ValidatePassword(string password)
    {
        if (password.Length < MinimumPasswordLength)
        {
            throw new UserInputException(CoreText.Get<UserStore>("PasswordTooShort", MinimumPasswordLength));
        }
    }
}
