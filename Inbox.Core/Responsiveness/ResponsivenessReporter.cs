using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Responsiveness;

/// <summary>
/// Builds the responsiveness report from <c>response_facts</c> alone: one indexed range read of the new messages in
/// the range, then everything in memory, so the time depends on the range, not on how many messages exist.
/// </summary>
public sealed class ResponsivenessReporter(Database database, ResponsivenessSettings settings, TimeProvider time)
{
    private static readonly (string Label, double From, double To)[] s_buckets =
    [
        ("Under 1 min", 0, 60),
        ("1-5 min", 60, 300),
        ("5-15 min", 300, 900),
        ("15-60 min", 900, 3600),
        ("1-4 h", 3600, 4 * 3600),
        ("4-24 h", 4 * 3600, double.PositiveInfinity),
        ("Not answered in 24 h", double.PositiveInfinity, double.PositiveInfinity),
    ];

    /// <summary>The default range: the targets' window (7 days) ending now.</summary>
    public async Task<(DateTimeOffset From, DateTimeOffset To)> DefaultRangeAsync(CancellationToken cancellationToken)
    {
        var targets = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        return (now.AddDays(-targets.WindowDays), now);
    }

    public async Task<ResponsivenessReport> BuildAsync(string? pageId, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            throw new UserInputException("The end of the range must come after its start.");
        }
        var targets = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var range = new { PageId = pageId, From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() };
        var facts = await ReadFactsAsync(connection, range, cancellationToken);
        var spam = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM response_facts WHERE received_at >= @From AND received_at < @To AND spam = 1 AND (@PageId IS NULL OR page_id = @PageId)",
            range, cancellationToken: cancellationToken));
        var pageNames = (await connection.QueryAsync<(string Id, string Name)>(new CommandDefinition("SELECT id, name FROM pages", cancellationToken: cancellationToken)))
            .ToDictionary(p => p.Id, p => p.Name);
        var userNames = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition("SELECT id, display_name FROM users", cancellationToken: cancellationToken)))
            .ToDictionary(u => u.Id, u => u.Name);

        ResponsivenessFigures Figures(IReadOnlyCollection<ResponseFact> subset) => ResponsivenessFigures.Of(subset, nowMs, targets);
        DateTimeOffset Local(long at) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(at), zone);

        var pages = (pageId is null ? [.. pageNames.Keys] : new[] { pageId })
            .Select(id => new PageFigures(id, pageNames.GetValueOrDefault(id, id), Figures([.. facts.Where(f => f.PageId == id)])))
            .OrderBy(p => p.PageName, StringComparer.CurrentCulture)
            .ToList();

        var byDay = facts.ToLookup(f => DateOnly.FromDateTime(Local(f.ReceivedAt).DateTime));
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to.AddTicks(-1), zone).DateTime);
        var days = new List<DayFigures>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            days.Add(new DayFigures(day, Figures([.. byDay[day]])));
        }

        var answered = facts.Where(f => f.OutcomeAt(nowMs) == FactOutcome.Answered).ToList();
        var agents = answered
            .GroupBy(f => (f.ResponderKind ?? "agent", f.ResponderUserId))
            .Select(g => new AgentFigures(g.Key.ResponderUserId, g.Key.Item1, NameOf(g.Key.Item1, g.Key.ResponderUserId, userNames), g.Count(), Median.Of([.. g.Select(f => f.ResponseSeconds)])))
            .OrderByDescending(a => a.Responses)
            .ToList();

        var missed = facts.Count(f => f.OutcomeAt(nowMs) == FactOutcome.Missed);
        var distribution = s_buckets
            .Select(b => new DistributionBucket(b.Label, b.From, b.To, double.IsPositiveInfinity(b.From)
                ? missed
                : answered.Count(f => f.ResponseSeconds >= b.From && f.ResponseSeconds < b.To)))
            .ToList();

        var cells = facts.ToLookup(f => (Local(f.ReceivedAt).DayOfWeek, Local(f.ReceivedAt).Hour));
        var heatmap = (from day in Enum.GetValues<DayOfWeek>()
                       from hour in Enumerable.Range(0, 24)
                       let cell = cells[(day, hour)].ToList()
                       select new HeatCell(day, hour, cell.Count, Median.Of([.. cell.Where(f => f.OutcomeAt(nowMs) == FactOutcome.Answered).Select(f => f.ResponseSeconds)])))
                      .ToList();

        return new ResponsivenessReport(from, to, now, zone, targets, Figures(facts), spam, pages, days, agents, distribution, heatmap, facts);
    }

    /// <summary>The names of the people in a report's conversations (a placeholder for those without a profile).</summary>
    public async Task<IReadOnlyDictionary<long, string>> ContactNamesAsync(ResponsivenessReport report, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT c.id, p.name, p.psid FROM conversations c JOIN contacts p ON p.id = c.contact_id
            WHERE c.id IN (SELECT conversation_id FROM response_facts WHERE received_at >= @From AND received_at < @To)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string? Name, string Psid)>(new CommandDefinition(
            Sql, new { From = report.From.ToUnixTimeMilliseconds(), To = report.To.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => new Conversations.ConversationSummary { PageId = "", Psid = r.Psid, LastMessagePreview = "", ContactName = r.Name }.DisplayName);
    }

    /// <summary>New messages of the last 24 hours still without a response, those closest to the target first.</summary>
    public async Task<IReadOnlyList<AtRiskMessage>> AtRiskAsync(string? pageId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT f.conversation_id, f.message_id, pg.name AS page_name, p.name AS contact_name, p.psid, f.received_at, f.clock_start_at,
                   m.text AS message_text
            FROM response_facts f
            JOIN conversations c ON c.id = f.conversation_id
            JOIN contacts p ON p.id = c.contact_id
            JOIN pages pg ON pg.id = f.page_id
            JOIN messages m ON m.id = f.message_id
            WHERE f.responded_at IS NULL AND f.spam = 0 AND f.received_at >= @Since AND (@PageId IS NULL OR f.page_id = @PageId)
            ORDER BY f.clock_start_at IS NULL, f.clock_start_at, f.received_at
            LIMIT 200
            """;
        var since = (time.GetUtcNow() - TimeSpan.FromMilliseconds(ResponseFacts.SilenceMilliseconds)).ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<AtRiskMessage>(new CommandDefinition(Sql, new { Since = since, PageId = pageId }, cancellationToken: cancellationToken))];
    }

    private static string NameOf(string kind, long? userId, Dictionary<long, string> users) => kind switch
    {
        "bot" => "FAQ bot",
        "page_inbox" => "Meta's Page Inbox",
        "other_app" => "Another app",
        _ when userId is { } id && users.TryGetValue(id, out var name) => name,
        _ => "Inbox (API or another node)",
    };

    // A plain reader, not Dapper's mapping: the range can hold tens of thousands of rows and this is the hot path.
    private static async Task<List<ResponseFact>> ReadFactsAsync(System.Data.Common.DbConnection connection, object range, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT message_id, conversation_id, page_id, received_at, clock_start_at, responded_at, responder_user_id, responder_kind
            FROM response_facts
            WHERE received_at >= @From AND received_at < @To AND spam = 0 AND (@PageId IS NULL OR page_id = @PageId)
            """;
        var facts = new List<ResponseFact>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(Sql, range, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(new ResponseFact(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return facts;
    }
}
