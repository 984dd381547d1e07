using System.Globalization;
using System.Text.Json;
using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Storage;
using Inbox.Core.Users;

namespace Inbox.Core.Audit;

/// <summary>The record of changes to users, Pages, automation, moderation and targets, for admins to read.</summary>
public sealed class AuditLog(Database database, TimeProvider time)
{
    public const string Users = "users";
    public const string Pages = "pages";
    public const string Automation = "automation";
    public const string Moderation = "moderation";
    public const string Responsiveness = "responsiveness";

    private readonly ContextualCallbacks<AuditLog> _recorded = new();

    /// <summary>Raised after an entry is written, so an open audit view shows it at once (in each handler's own context).</summary>
    public event Action<AuditLog> Recorded
    {
        add => _recorded.Add(value);
        remove => _recorded.Remove(value);
    }

    /// <summary>An entry in English only (the command line speaks English).</summary>
    public Task RecordAsync(long? userId, string area, string summary, CancellationToken cancellationToken) =>
        WriteAsync(userId, area, summary, null, cancellationToken);

    /// <summary>
    /// An entry in every language Inbox speaks, so each admin reads it in theirs: <paramref name="describe"/> says
    /// what happened in the current UI language and is called once per language.
    /// </summary>
    public Task RecordAsync(long? userId, string area, Func<string> describe, CancellationToken cancellationToken)
    {
        var english = CoreText.InLanguage(CultureInfo.InvariantCulture, describe);
        var others = UserLanguages.Supported.Skip(1).ToDictionary(language => language, language => CoreText.InLanguage(CultureInfo.GetCultureInfo(language), describe));
        return WriteAsync(userId, area, english, JsonSerializer.Serialize(others), cancellationToken);
    }

    private async Task WriteAsync(long? userId, string area, string summary, string? translations, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audit_log (at, user_id, area, summary, translations) VALUES (@Now, @UserId, @Area, @Summary, @Translations)",
                new { Now = time.GetUtcNow(), UserId = userId, Area = area, Summary = summary, Translations = translations }, cancellationToken: cancellationToken));
        }
        // The entry is written; a view that fails to refresh must not make the change look failed.
        _recorded.Invoke(this, static _ => { });
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<AuditEntry>(new CommandDefinition("""
            SELECT a.id, a.at, u.display_name AS user_name, a.area, a.summary, a.translations
            FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.at DESC, a.id DESC LIMIT @Limit
            """, new { Limit = limit }, cancellationToken: cancellationToken))];
    }
}
