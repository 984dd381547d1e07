using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Responsiveness;

/// <summary>
/// Builds the responsiveness report from <c>response_facts</c> alone: one indexed range read of the new messages in
/// the range, then everything in memory, so the time depends on the range, not on how many messages exist.
/// </summary>
public sealed class ResponsivenessReporter(Database database, ResponsivenessSettings settings, TimeProvider time)
{
    // Labelled when a report is built, in the language of the person who asks for it (Bucket... in the .resx).
    private static readonly (string Name, double From, double To)[] s_buckets =
    [
        ("Under1Min", 0, 60),
        ("1To5Min", 60, 300),
        ("5To15Min", 300, 900),
        ("15To60Min", 900, 3600),
        ("1To4Hours", 3600, 4 * 3600),
        ("4To24Hours", 4 * 3600, double.PositiveInfinity),
        ("NotAnswered", double.PositiveInfinity, double.PositiveInfinity),
    ];

    /// <summary>The default range: the targets' window (7 days) ending now.</summary>
    public async Task<(DateTimeOffset From, DateTimeOffset To)> DefaultRangeAsync(CancellationToken cancellationToken)
    {
        var targets = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        return (now.AddDays(-targets.WindowDays), now);
    }

    public static readonly TimeSpan LongestRange = TimeSpan.FromDays(366);

    public async Task<ResponsivenessReport> BuildAsync(string? pageId, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            throw new UserInputException(CoreText.Get<ResponsivenessReporter>("RangeEndBeforeStart"));
        }
        // The report has a row per day and reads every new message in the range: an unbounded range is an unbounded
        // answer (0001 to 9999 was 412 MB), so a year is the most one report covers.
        if (to - from > LongestRange)
        {
            throw new UserInputException(CoreText.Get<ResponsivenessReporter>("RangeTooLong", (int)LongestRange.TotalDays, Math.Ceiling((to - from).TotalDays)));
        }
        var targets = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var pageNames = (await connection.QueryAsync<(string Id, string Name)>(new CommandDefinition("SELECT id, name FROM pages", cancellationToken: cancellationToken)))
            .ToDictionary(p => p.Id, p => p.Name);
        var range = new Range(pageId ?? (pageNames.Count == 1 ? pageNames.Keys.Single() : null), from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), nowMs);
        var messages = await ReadAsync(connection, range, withPage: range.PageId is null, withConversation: false, cancellationToken);
        var spam = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM response_facts WHERE received_at >= @From AND received_at < @To AND spam = 1 AND (@PageId IS NULL OR page_id = @PageId)",
            range, cancellationToken: cancellationToken));
        var userNames = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition("SELECT id, display_name FROM users", cancellationToken: cancellationToken)))
            .ToDictionary(u => u.Id, u => u.Name);

        // One pass adds each new message to every group it belongs to; medians are taken once at the end.
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to.AddTicks(-1), zone).DateTime);
        var overall = new Tally();
        var byPage = (pageId is null ? [.. pageNames.Keys] : new[] { pageId }).ToDictionary(id => id, _ => new Tally());
        var byDay = new Tally[lastDay.DayNumber - firstDay.DayNumber + 1];
        var byCell = new Tally[7 * 24];
        var byAgent = new Dictionary<(string Kind, long? UserId), Tally>();
        var buckets = new int[s_buckets.Length];
        foreach (var fact in messages)
        {
            var outcome = fact.Outcome;
            var seconds = fact.ResponseSeconds;
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(fact.ReceivedAt), zone);
            overall.Add(outcome, seconds);
            (byPage.TryGetValue(fact.PageId, out var page) ? page : byPage[fact.PageId] = new Tally()).Add(outcome, seconds);
            var day = Math.Clamp(DateOnly.FromDateTime(local.DateTime).DayNumber - firstDay.DayNumber, 0, byDay.Length - 1);
            (byDay[day] ??= new Tally()).Add(outcome, seconds);
            (byCell[(int)local.DayOfWeek * 24 + local.Hour] ??= new Tally()).Add(outcome, seconds);
            if (outcome == FactOutcome.Answered)
            {
                var key = (fact.ResponderKind ?? "agent", fact.ResponderUserId);
                (byAgent.TryGetValue(key, out var agent) ? agent : byAgent[key] = new Tally()).Add(outcome, seconds);
                buckets[Array.FindIndex(s_buckets, b => seconds < b.To)]++;
            }
            else if (outcome == FactOutcome.Missed)
            {
                buckets[^1]++;
            }
        }

        var pages = byPage
            .Select(p => new PageFigures(p.Key, pageNames.GetValueOrDefault(p.Key, p.Key), p.Value.Figures(targets)))
            .OrderBy(p => p.PageName, StringComparer.CurrentCulture)
            .ToList();
        var days = byDay.Select((tally, i) => new DayFigures(firstDay.AddDays(i), (tally ?? new Tally()).Figures(targets))).ToList();
        var agents = byAgent
            .Select(a => new AgentFigures(a.Key.UserId, a.Key.Kind, NameOf(a.Key.Kind, a.Key.UserId, userNames), a.Value.Answered, a.Value.Median()))
            .OrderByDescending(a => a.Responses)
            .ToList();
        var distribution = s_buckets.Select((b, i) => new DistributionBucket(CoreText.Get<ResponsivenessReporter>($"Bucket{b.Name}"), b.From, b.To, buckets[i])).ToList();
        var heatmap = (from day in Enum.GetValues<DayOfWeek>()
                       from hour in Enumerable.Range(0, 24)
                       let cell = byCell[(int)day * 24 + hour]
                       select new HeatCell(day, hour, cell?.Count ?? 0, cell?.Median()))
                      .ToList();

        return new ResponsivenessReport(from, to, now, zone, targets, overall.Figures(targets), spam, pages, days, agents, distribution, heatmap, messages);
    }

    /// <summary>Counts and answered response times of a group of new messages.</summary>
    private sealed class Tally
    {
        private readonly List<double> _answered = [];
        private int _missed;
        private int _pending;

        public int Answered => _answered.Count;

        public int Count => _answered.Count + _missed + _pending;

        public void Add(FactOutcome outcome, double seconds)
        {
            switch (outcome)
            {
                case FactOutcome.Answered:
                    _answered.Add(seconds);
                    break;
                case FactOutcome.Missed:
                    _missed++;
                    break;
                default:
                    _pending++;
                    break;
            }
        }

        public double? Median() => Responsiveness.Median.Of(_answered);

        public ResponsivenessFigures Figures(ResponsivenessTargets targets) => ResponsivenessFigures.From(_answered, _missed, _pending, targets);
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
        return rows.ToDictionary(r => r.Id, r => Conversations.ContactNames.Display(r.Name, r.Psid));
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
        "bot" => CoreText.Get<ResponsivenessReporter>("FaqBot"),
        "page_inbox" => CoreText.Get<ResponsivenessReporter>("PageInbox"),
        "other_app" => CoreText.Get<ResponsivenessReporter>("OtherApp"),
        _ when userId is { } id && users.TryGetValue(id, out var name) => name,
        _ => CoreText.Get<ResponsivenessReporter>("ApiOrOtherNode"),
    };

    private static readonly string[] s_kinds = ["agent", "bot", "page_inbox", "other_app"];

    // The hot path: a range can hold tens of thousands of new messages, and every column read is a call into SQLite
    // that costs more than the arithmetic around it. So the database classifies each message and computes its
    // response time, packs the responder into one number, and the rows come back as three or four columns from one
    // walk of the covering index; the Page is read only when the report spans several, the conversation only for a
    // drill-down.
    private static async Task<List<ReportedMessage>> ReadAsync(
        System.Data.Common.DbConnection connection, Range range, bool withPage, bool withConversation, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT received_at,
                   CASE WHEN responded_at IS NOT NULL AND responded_at - received_at <= {Day}
                            THEN CASE WHEN responded_at > COALESCE(clock_start_at, responded_at) THEN responded_at - COALESCE(clock_start_at, responded_at) ELSE 0 END
                        WHEN responded_at IS NULL AND @Now - received_at < {Day} THEN -1
                        ELSE -2 END,
                   (CASE responder_kind WHEN 'bot' THEN 1 WHEN 'page_inbox' THEN 2 WHEN 'other_app' THEN 3 ELSE 0 END) + 4 * (COALESCE(responder_user_id, -1) + 1)
                   {(withPage ? ", page_id" : "")}{(withConversation ? ", conversation_id" : "")}
            FROM response_facts
            WHERE received_at >= @From AND received_at < @To AND spam = 0 AND (@PageId IS NULL OR page_id = @PageId)
            """;
        var messages = new List<ReportedMessage>();
        var pageIds = new Dictionary<string, string>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, range, cancellationToken: cancellationToken));
        // Read synchronously: once the statement runs, SQLite has nothing to wait for between rows.
        while (reader.Read())
        {
            var result = reader.GetInt64(1);
            var outcome = result switch { -1 => FactOutcome.Pending, -2 => FactOutcome.Missed, _ => FactOutcome.Answered };
            var answered = outcome == FactOutcome.Answered;
            var responder = reader.GetInt64(2);
            var page = withPage ? reader.GetString(3) : range.PageId ?? "";
            messages.Add(new ReportedMessage(
                withConversation ? reader.GetInt64(withPage ? 4 : 3) : 0,
                pageIds.TryGetValue(page, out var shared) ? shared : pageIds[page] = page,
                reader.GetInt64(0),
                outcome,
                answered ? result / 1000.0 : double.NaN,
                answered ? s_kinds[responder % 4] : null,
                answered && responder >= 4 ? responder / 4 - 1 : null));
        }
        return messages;
    }

    private sealed record Range(string? PageId, long From, long To, long Now);

    /// <summary>The conversations behind a part of a report (a day, a bucket, a cell, an agent), newest first.</summary>
    public async Task<IReadOnlyList<long>> ConversationsAsync(ResponsivenessReport report, string? pageId, Func<ReportedMessage, bool> predicate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var range = new Range(pageId, report.From.ToUnixTimeMilliseconds(), report.To.ToUnixTimeMilliseconds(), report.Now.ToUnixTimeMilliseconds());
        var messages = await ReadAsync(connection, range, withPage: true, withConversation: true, cancellationToken);
        return [.. messages.Where(predicate).OrderByDescending(m => m.ReceivedAt).Select(m => m.ConversationId).Distinct()];
    }

    private const string Day = "86400000";

    /// <summary>Every fact of a report's range, with its times, for the CSV export.</summary>
    public async Task<IReadOnlyList<ResponseFact>> FactsAsync(ResponsivenessReport report, string? pageId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT message_id, conversation_id, page_id, received_at, clock_start_at, responded_at, responder_user_id, responder_kind
            FROM response_facts
            WHERE received_at >= @From AND received_at < @To AND spam = 0 AND (@PageId IS NULL OR page_id = @PageId)
            ORDER BY received_at
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ResponseFact>(new CommandDefinition(
            Sql, new { PageId = pageId, From = report.From.ToUnixTimeMilliseconds(), To = report.To.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken))];
    }
}
