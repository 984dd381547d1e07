using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Inbox.Core.Pages;
using Inbox.Core.Storage;

namespace Inbox.Core.Automation;

/// <summary>Per-Page automation settings; read on every customer message, so kept in memory until changed here.</summary>
public sealed class AutomationStore(Database database, TimeProvider time, PageSettingsChanges changes)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, PageAutomation> _cache = changes.NewCache<PageAutomation>();

    private sealed record Row(string PageId, string TimeZone, string? InstantReply, string? AwayMessage, string? WeeklyHours, string? Holidays, string? ManualStatus, DateTimeOffset? ManualStatusSince, string? CustomerLanguage);

    public async Task<PageAutomation> GetAsync(string pageId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(pageId, out var cached))
        {
            return cached;
        }
        const string Sql = """
            SELECT p.id AS page_id, p.time_zone, a.instant_reply, a.away_message, a.weekly_hours, a.holidays, a.manual_status, a.manual_status_since, a.customer_language
            FROM pages p LEFT JOIN page_automation a ON a.page_id = p.id
            WHERE p.id = @PageId
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { PageId = pageId }, cancellationToken: cancellationToken))
            ?? throw new UserInputException(CoreText.Get<AutomationStore>("PageNotConnected", pageId));
        var automation = new PageAutomation(
            row.PageId,
            row.TimeZone,
            row.InstantReply,
            row.AwayMessage,
            JsonSerializer.Deserialize<List<OpeningSpan>>(row.WeeklyHours ?? "[]", s_json) ?? [],
            JsonSerializer.Deserialize<List<DateOnly>>(row.Holidays ?? "[]", s_json) ?? [],
            Enum.Parse<ManualStatus>(row.ManualStatus ?? "auto", ignoreCase: true),
            row.ManualStatusSince,
            row.CustomerLanguage);
        _cache[pageId] = automation;
        return automation;
    }

    public async Task SaveAsync(PageAutomation automation, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO page_automation (page_id, instant_reply, away_message, weekly_hours, holidays, manual_status, manual_status_since, customer_language, updated_at)
            VALUES (@PageId, @InstantReply, @AwayMessage, @WeeklyHours, @Holidays, @ManualStatus, @ManualStatusSince, @CustomerLanguage, @Now)
            ON CONFLICT (page_id) DO UPDATE SET
                instant_reply = excluded.instant_reply, away_message = excluded.away_message, weekly_hours = excluded.weekly_hours,
                holidays = excluded.holidays, manual_status = excluded.manual_status, manual_status_since = excluded.manual_status_since,
                customer_language = excluded.customer_language, updated_at = excluded.updated_at
            """;
        if (automation.CustomerLanguage is { } language && !Users.UserLanguages.IsSupported(language))
        {
            throw new UserInputException(CoreText.Get<AutomationStore>("UnknownLanguage", language));
        }
        foreach (var span in automation.Week.Where(s => s.Opens >= s.Closes))
        {
            throw new UserInputException(CoreText.Get<AutomationStore>("OpensBeforeCloses",
                CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(span.Day), span.Opens.ToString("HH:mm", CultureInfo.CurrentCulture), span.Closes.ToString("HH:mm", CultureInfo.CurrentCulture)));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            automation.PageId,
            InstantReply = Blank(automation.InstantReply),
            AwayMessage = Blank(automation.AwayMessage),
            WeeklyHours = JsonSerializer.Serialize(automation.Week, s_json),
            Holidays = JsonSerializer.Serialize(automation.Holidays, s_json),
            ManualStatus = automation.ManualStatus.ToString().ToLowerInvariant(),
            automation.ManualStatusSince,
            automation.CustomerLanguage,
            Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        changes.Publish(new PageSettingsChange(automation.PageId));
    }

    /// <summary>The Available / Away switch; switching to Away starts a new away period.</summary>
    public async Task SetManualStatusAsync(string pageId, ManualStatus status, CancellationToken cancellationToken)
    {
        var current = await GetAsync(pageId, cancellationToken);
        var now = time.GetUtcNow();
        await SaveAsync(current with { ManualStatus = status, ManualStatusSince = now }, cancellationToken);
        if (current.ManualStatus == ManualStatus.Away && status != ManualStatus.Away)
        {
            // Messages that came in while away start their response clock now (see ResponseClock).
            await using var connection = await database.OpenAsync(cancellationToken);
            await Responsiveness.ResponseFacts.StartWaitingClocksAsync(connection, pageId, now, cancellationToken);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
