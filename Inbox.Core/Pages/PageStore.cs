using Dapper;
using Inbox.Core.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Inbox.Core.Pages;

public sealed class PageStore(Database database, TimeProvider time, IDataProtectionProvider protection)
{
    // Page access tokens are encrypted at rest; this purpose string keeps them apart from cookies and the rest.
    private readonly IDataProtector _tokens = protection.CreateProtector("Inbox.Pages.AccessToken");

    public async Task<IReadOnlyList<FacebookPage>> ListAsync(CancellationToken cancellationToken)
    {
        // The token column is only tested for presence: it never leaves the store.
        const string Sql = """
            SELECT pages.id, name, time_zone, access_token_protected IS NOT NULL AS has_access_token, human_agent_enabled,
                   disconnected_at, disconnected_reason, disconnected_kind, pages.created_at, picture_url, declined_permissions, webhook_fields, n.action AS policy_action, n.reason AS policy_reason, n.occurred_at AS policy_notice_at
            FROM pages
            LEFT JOIN page_policy_notices n ON n.id = (SELECT id FROM page_policy_notices WHERE page_id = pages.id ORDER BY occurred_at DESC, id DESC LIMIT 1)
            ORDER BY name
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

    /// <summary>Connects a Page, or reconnects it with a new token; the token is stored encrypted.</summary>
    public async Task ConnectAsync(string id, string name, string accessToken, string timeZone, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO pages (id, name, time_zone, access_token_protected, created_at) VALUES (@Id, @Name, @TimeZone, @Token, @Now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, access_token_protected = excluded.access_token_protected,
                disconnected_at = NULL, disconnected_reason = NULL, disconnected_kind = NULL, token_checked_at = NULL
            """;
        id = id.Trim();
        name = name.Trim();
        accessToken = accessToken.Trim();
        if (id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw new UserInputException(CoreText.Get<PageStore>("PageIdFormat"));
        }
        if (name.Length == 0)
        {
            throw new UserInputException(CoreText.Get<PageStore>("NameRequired"));
        }
        if (accessToken.Length == 0)
        {
            throw new UserInputException(CoreText.Get<PageStore>("TokenRequired"));
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            throw new UserInputException(CoreText.Get<PageStore>("UnknownTimeZone", timeZone));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            Id = id,
            Name = name,
            TimeZone = timeZone,
            Token = _tokens.Protect(accessToken),
            Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Meta refused the token: record why (a <see cref="TokenProblem"/> kind and Meta's words), so sending stops and admins are told.</summary>
    public async Task MarkDisconnectedAsync(string id, string kind, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET disconnected_at = COALESCE(disconnected_at, @Now), disconnected_kind = @Kind, disconnected_reason = @Reason WHERE id = @Id",
            new { Id = id, Kind = kind, Reason = reason, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The connected Pages whose token was not checked in the last <paramref name="interval"/>, each claimed for this
    /// node by marking it checked now (one conditional update: on several nodes each Page is checked once).
    /// </summary>
    public async Task<IReadOnlyList<string>> ClaimTokenChecksAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = now - interval;
        await using var connection = await database.OpenAsync(cancellationToken);
        var candidates = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM pages WHERE access_token_protected IS NOT NULL AND disconnected_at IS NULL AND (token_checked_at IS NULL OR token_checked_at < @Due)",
            new { Due = due }, cancellationToken: cancellationToken));
        var claimed = new List<string>();
        foreach (var id in candidates)
        {
            if (await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE pages SET token_checked_at = @Now WHERE id = @Id AND (token_checked_at IS NULL OR token_checked_at < @Due)",
                new { Id = id, Now = now, Due = due }, cancellationToken: cancellationToken)) == 1)
            {
                claimed.Add(id);
            }
        }
        return claimed;
    }

    /// <summary>The webhook fields Meta says the app is subscribed to for the Page; null when it is not.</summary>
    public async Task SetWebhookFieldsAsync(string id, IReadOnlyList<string>? fields, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET webhook_fields = @Fields WHERE id = @Id",
            new { Id = id, Fields = fields is null ? null : string.Join(',', fields) }, cancellationToken: cancellationToken));
    }

    /// <summary>A check that got no answer: the Page is due again at the next look.</summary>
    public async Task ReleaseTokenCheckAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET token_checked_at = NULL WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>The permissions the token lacks, as the daily check found them.</summary>
    public async Task SetDeclinedPermissionsAsync(string id, IReadOnlyList<string> declined, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET declined_permissions = @Declined WHERE id = @Id",
            new { Id = id, Declined = declined.Count == 0 ? null : string.Join(',', declined) }, cancellationToken: cancellationToken));
    }

    public async Task<bool> IsDisconnectedAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM pages WHERE id = @Id AND disconnected_at IS NOT NULL", new { Id = id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Until when Meta asked this Page to slow down, if that is still to come; shared by every node.</summary>
    public async Task<DateTimeOffset?> SendsPausedUntilAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT sends_paused_until FROM pages WHERE id = @Id AND sends_paused_until > @Now", new { Id = id, Now = now }, cancellationToken: cancellationToken));
    }

    public async Task PauseSendsAsync(string id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET sends_paused_until = @Until WHERE id = @Id AND (sends_paused_until IS NULL OR sends_paused_until < @Until)",
            new { Id = id, Until = until }, cancellationToken: cancellationToken));
    }

    /// <summary>What connecting through Facebook Login learned: the picture, declined permissions, subscribed webhook fields.</summary>
    public async Task SetLoginDetailsAsync(string id, string? pictureUrl, IReadOnlyList<string> declined, IReadOnlyList<string>? webhookFields, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET picture_url = @Picture, declined_permissions = @Declined, webhook_fields = @Fields WHERE id = @Id",
            new { Id = id, Picture = pictureUrl, Declined = declined.Count == 0 ? null : string.Join(',', declined), Fields = webhookFields is null ? null : string.Join(',', webhookFields) },
            cancellationToken: cancellationToken));
    }

    /// <summary>An admin disconnected the Page: its token and subscription are forgotten; its conversations stay.</summary>
    public async Task DisconnectAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET access_token_protected = NULL, webhook_fields = NULL, disconnected_at = NULL, disconnected_reason = NULL WHERE id = @Id",
            new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task SetHumanAgentAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET human_agent_enabled = @Enabled WHERE id = @Id", new { Id = id, Enabled = enabled ? 1 : 0 }, cancellationToken: cancellationToken));
    }

    public async Task SetAccessTokenAsync(string id, string accessToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET access_token_protected = @Token WHERE id = @Id", new { Id = id, Token = _tokens.Protect(accessToken) }, cancellationToken: cancellationToken));
    }

    /// <summary>The Page's token in clear, for a Graph call; null when none is stored.</summary>
    public async Task<string?> AccessTokenAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var protectedToken = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT access_token_protected FROM pages WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return protectedToken is null ? null : _tokens.Unprotect(protectedToken);
    }
}
