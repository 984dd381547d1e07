using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Responsiveness;

/// <summary>
/// Builds the responsiveness report from <c>response_facts</c> alone, through this node's <see cref="ResponseFactCache"/>:
/// hours that have not changed since the last report are not read again, and hours past their 24 hours are added a
/// Page at a time, so the time depends on what changed, not on how many messages exist.
/// </summary>
public sealed class ResponsivenessReporter(Database database, ResponsivenessSettings settings, ResponseFactCache cache, TimeProvider time)
{
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
        await using var connection = await database.OpenAsync(cancellationToken);
        var pageNames = (await connection.QueryAsync<(string Id, string Name)>(new CommandDefinition("SELECT id, name FROM pages", cancellationToken: cancellationToken)))
            .ToDictionary(p => p.Id, p => p.Name);
        var userNames = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition("SELECT id, display_name FROM users", cancellationToken: cancellationToken)))
            .ToDictionary(u => u.Id, u => u.Name);
        var hours = await cache.HoursAsync(connection, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), cancellationToken);

        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to.AddTicks(-1), zone).DateTime);
        var tallies = new ReportTallies(pageId is null ? pageNames.Keys : [pageId], firstDay, lastDay.DayNumber - firstDay.DayNumber + 1);
        foreach (var hour in hours)
        {
            Add(tallies, hour, pageId, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), zone);
        }

        var pages = tallies.ByPage
            .Select(p => new PageFigures(p.Key, pageNames.GetValueOrDefault(p.Key, p.Key), p.Value.Figures(targets)))
            .OrderBy(p => p.PageName, StringComparer.CurrentCulture)
            .ToList();
        var days = tallies.ByDay.Select((tally, i) => new DayFigures(firstDay.AddDays(i), (tally ?? new Tally()).Figures(targets))).ToList();
        var agents = tallies.ByResponder
            .Select(a => (Kind: CachedFact.KindOf(a.Key), UserId: CachedFact.UserIdOf(a.Key), Tally: a.Value))
            .Select(a => new AgentFigures(a.UserId, a.Kind, NameOf(a.Kind, a.UserId, userNames), a.Tally.Answered, a.Tally.Median()))
            .OrderByDescending(a => a.Responses)
            .ToList();
        var distribution = ResponseBuckets.All
            .Select((b, i) => new DistributionBucket(CoreText.Get<ResponsivenessReporter>($"Bucket{b.Name}"), b.From, b.To, tallies.Buckets[i]))
            .ToList();
        var heatmap = (from day in Enum.GetValues<DayOfWeek>()
                       from hour in Enumerable.Range(0, 24)
                       let cell = tallies.ByCell[(int)day * 24 + hour]
                       select new HeatCell(day, hour, cell?.Count ?? 0, cell?.Median()))
                      .ToList();

        return new ResponsivenessReport(from, to, now, zone, targets, tallies.Overall.Figures(targets), tallies.Spam, pages, days, agents, distribution, heatmap);
    }

    // An hour wholly in the range goes in a slice and a Page at a time, in slices as long as the zone's offset allows
    // (an hour, or a half or a quarter of one for zones such as India's or Nepal's); the hours at the range's edges
    // and those where the clocks change go one fact at a time.
    private static void Add(ReportTallies tallies, FactHour hour, string? pageId, long from, long to, long now, TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(hour.Start));
        var sameOffset = offset == zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(hour.End - 1));
        var slices = Array.FindIndex([1, 2, 4], n => offset.Ticks % (TimeSpan.TicksPerHour / n) == 0);
        if (sameOffset && slices >= 0 && hour.Start >= from && hour.End <= to)
        {
            var count = 1 << slices;
            foreach (var (slice, i) in hour.Slices(count).Select((slice, i) => (slice, i)))
            {
                var local = DateTime.UnixEpoch.AddMilliseconds(hour.Start + i * FactHour.Milliseconds / count) + offset;
                foreach (var (page, facts) in slice)
                {
                    if (pageId is null || page == pageId)
                    {
                        tallies.AddSlice(page, facts, local, now);
                    }
                }
            }
            return;
        }
        foreach (var fact in hour.Facts)
        {
            if (fact.ReceivedAt >= from && fact.ReceivedAt < to && (pageId is null || fact.PageId == pageId))
            {
                var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(fact.ReceivedAt), zone).DateTime;
                tallies.Add(fact, fact.OutcomeAt(now), local);
            }
        }
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

    /// <summary>The conversations behind a part of a report (a day, a bucket, a cell, an agent), newest first.</summary>
    public async Task<IReadOnlyList<long>> ConversationsAsync(ResponsivenessReport report, string? pageId, Func<ReportedMessage, bool> predicate, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {ResponseFactCache.Columns}, conversation_id
            FROM response_facts
            WHERE received_at >= @From AND received_at < @To AND spam = 0 AND (@PageId IS NULL OR page_id = @PageId)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var messages = new List<ReportedMessage>();
        var now = report.Now.ToUnixTimeMilliseconds();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { PageId = pageId, From = report.From.ToUnixTimeMilliseconds(), To = report.To.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)))
        {
            while (reader.Read())
            {
                var fact = ResponseFactCache.FactOf(reader);
                var outcome = fact.OutcomeAt(now);
                var answered = outcome == FactOutcome.Answered;
                messages.Add(new ReportedMessage(
                    reader.GetInt64(4), fact.PageId, fact.ReceivedAt, outcome, answered ? fact.Result / 1000.0 : double.NaN,
                    answered ? fact.ResponderKind : null, answered ? fact.ResponderUserId : null));
            }
        }
        return [.. messages.Where(predicate).OrderByDescending(m => m.ReceivedAt).Select(m => m.ConversationId).Distinct()];
    }

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
