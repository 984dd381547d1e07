using Dapper;
using Inbox.Core.Automation;
using Inbox.Core.Responsiveness;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Inbox.Web.Cli.Bench;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Core.Responsiveness;

/// <summary>
/// The report reads hours from a per-node cache and adds settled hours a Page at a time. Whatever the time zone, the
/// range's edges or what changed since the last report, it must equal the report computed fact by fact from the table.
/// </summary>
public sealed class ReportFromCachedHoursTests : IAsyncLifetime
{
    // 30 days back crosses Europe's and America's return to winter time (25 October and 1 November 2026).
    private static readonly DateTimeOffset s_now = new(2026, 11, 12, 15, 41, 7, TimeSpan.Zero);
    private const string SecondPageId = "104857600000002";

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(s_now);

    public async Task InitializeAsync()
    {
        await _db.Migrator().MigrateAsync(CancellationToken.None);
        await ReportBench.SeedAsync(_db.Database, 12_000, 1_200, s_now, CancellationToken.None);
        await ResponseFactsRebuild.RunAsync(_db.Database, CancellationToken.None);
        // Variety the seed lacks: a second Page, spam, and responders of every kind.
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO pages (id, name, time_zone, created_at) VALUES (@SecondPageId, 'Second Page', 'UTC', 0);
            UPDATE response_facts SET page_id = @SecondPageId WHERE conversation_id % 5 = 0;
            UPDATE response_facts SET spam = 1 WHERE conversation_id % 17 = 0;
            UPDATE response_facts SET responder_kind = 'bot' WHERE responded_at IS NOT NULL AND conversation_id % 7 = 1;
            UPDATE response_facts SET responder_kind = 'page_inbox' WHERE responded_at IS NOT NULL AND conversation_id % 7 = 2;
            UPDATE response_facts SET clock_start_at = received_at + 90000 WHERE conversation_id % 11 = 3;
            """, new { SecondPageId });
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Paris")]
    [InlineData("Asia/Kolkata")]
    [InlineData("America/St_Johns")]
    [InlineData("Asia/Kathmandu")]
    public async Task A_report_from_cached_hours_equals_the_report_computed_fact_by_fact(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var reporter = Reporter();
        var (from, to) = (s_now.AddDays(-30).AddMinutes(17).AddSeconds(3), s_now.AddMinutes(-5));

        foreach (var pageId in new[] { null, ScratchDatabase.PageId })
        {
            var first = await reporter.BuildAsync(pageId, from, to, zone, CancellationToken.None);
            var again = await reporter.BuildAsync(pageId, from, to, zone, CancellationToken.None);

            var expected = await ExpectedAsync(pageId, from, to, zone);
            Assert.Equal(expected, Summary(first));
            Assert.Equal(expected, Summary(again));
        }
    }

    [Fact]
    public async Task Changes_to_hours_a_node_already_holds_are_in_its_next_report_and_in_another_nodes()
    {
        var (thisNode, otherNode) = (Reporter(), Reporter());
        var (from, to) = (s_now.AddDays(-30), s_now);
        await thisNode.BuildAsync(null, from, to, TimeZoneInfo.Utc, CancellationToken.None);
        await otherNode.BuildAsync(null, from, to, TimeZoneInfo.Utc, CancellationToken.None);

        // Old, settled hours change: a conversation marked as spam, a late answer, a fact gone, and a day passes.
        await using (var connection = await _db.Database.OpenAsync(CancellationToken.None))
        {
            var old = await connection.QueryFirstAsync<(long ConversationId, long MessageId)>(
                "SELECT conversation_id, message_id FROM response_facts WHERE spam = 0 AND received_at < @Before ORDER BY received_at",
                new { Before = s_now.AddDays(-20).ToUnixTimeMilliseconds() });
            await ResponseFacts.MarkSpamAsync(connection, null, old.ConversationId, spam: true, CancellationToken.None);
            await connection.ExecuteAsync("""
                UPDATE response_facts SET responded_at = received_at + 120000, responder_kind = 'other_app'
                WHERE message_id = (SELECT MIN(message_id) FROM response_facts WHERE responded_at IS NULL);
                DELETE FROM response_facts WHERE message_id = (SELECT MAX(message_id) FROM response_facts WHERE received_at < @Before);
                """, new { Before = s_now.AddDays(-10).ToUnixTimeMilliseconds() });
        }
        _time.Advance(TimeSpan.FromDays(1));

        var expected = await ExpectedAsync(null, from, to, TimeZoneInfo.Utc);
        Assert.Equal(expected, Summary(await thisNode.BuildAsync(null, from, to, TimeZoneInfo.Utc, CancellationToken.None)));
        Assert.Equal(expected, Summary(await otherNode.BuildAsync(null, from, to, TimeZoneInfo.Utc, CancellationToken.None)));
    }

    private ResponsivenessReporter Reporter() =>
        new(_db.Database, new ResponsivenessSettings(new AppSettingStore(_db.Database)), new ResponseFactCache(_time), _time);

    // Every figure of a report, in an order that does not depend on how the report grouped them.
    private static string Summary(ResponsivenessReport report) => string.Join("\n", new[]
    {
        $"overall {report.Overall}", $"spam {report.Spam}",
        string.Join("\n", report.Pages.OrderBy(p => p.PageId).Select(p => $"page {p.PageId} {p.Figures}")),
        string.Join("\n", report.Days.Select(d => $"day {d.Day} {d.Figures}")),
        string.Join("\n", report.Agents.OrderBy(a => a.Kind).ThenBy(a => a.UserId).Select(a => $"agent {a.Kind} {a.UserId} {a.Responses} {a.MedianSeconds}")),
        string.Join("\n", report.Distribution.Select(b => $"bucket {b.FromSeconds} {b.Count}")),
        string.Join("\n", report.Heatmap.Select(c => $"cell {c.Day} {c.Hour} {c.NewMessages} {c.MedianSeconds}")),
    });

    // The definitions applied one fact at a time, the way the first version of the report did.
    private async Task<string> ExpectedAsync(string? pageId, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<(long MessageId, long ConversationId, string PageId, long ReceivedAt, long? ClockStartAt, long? RespondedAt, long? ResponderUserId, string? ResponderKind, long Spam)>("""
            SELECT message_id, conversation_id, page_id, received_at, clock_start_at, responded_at, responder_user_id, responder_kind, spam
            FROM response_facts WHERE received_at >= @From AND received_at < @To
            """, new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() }))
            .Where(r => pageId is null || r.PageId == pageId)
            .ToList();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var facts = rows.Where(r => r.Spam == 0)
            .Select(r => new ResponseFact(r.MessageId, r.ConversationId, r.PageId, r.ReceivedAt, r.ClockStartAt, r.RespondedAt, r.ResponderUserId, r.ResponderKind))
            .Select(f => (Fact: f, Outcome: f.OutcomeAt(now), Local: TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(f.ReceivedAt), zone).DateTime))
            .ToList();
        var targets = ResponsivenessTargets.FiveMinuteRule;
        ResponsivenessFigures FiguresOf(IEnumerable<(ResponseFact Fact, FactOutcome Outcome, DateTime Local)> group)
        {
            var list = group.ToList();
            return ResponsivenessFigures.From(
                [.. list.Where(f => f.Outcome == FactOutcome.Answered).Select(f => f.Fact.ResponseSeconds)],
                list.Count(f => f.Outcome == FactOutcome.Missed), list.Count(f => f.Outcome == FactOutcome.Pending), targets);
        }
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to.AddTicks(-1), zone).DateTime);
        var answered = facts.Where(f => f.Outcome == FactOutcome.Answered).ToList();
        var pages = pageId is null ? [ScratchDatabase.PageId, SecondPageId] : new[] { pageId };
        return string.Join("\n", new[]
        {
            $"overall {FiguresOf(facts)}", $"spam {rows.Count(r => r.Spam != 0)}",
            string.Join("\n", pages.Order().Select(p => $"page {p} {FiguresOf(facts.Where(f => f.Fact.PageId == p))}")),
            string.Join("\n", Enumerable.Range(0, lastDay.DayNumber - firstDay.DayNumber + 1).Select(i => firstDay.AddDays(i))
                .Select(d => $"day {d} {FiguresOf(facts.Where(f => DateOnly.FromDateTime(f.Local) == d))}")),
            string.Join("\n", answered.GroupBy(f => (Kind: f.Fact.ResponderKind ?? "agent", f.Fact.ResponderUserId)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.ResponderUserId)
                .Select(g => $"agent {g.Key.Kind} {g.Key.ResponderUserId} {g.Count()} {Median.Of([.. g.Select(f => f.Fact.ResponseSeconds)])}")),
            string.Join("\n", new[] { 0.0, 60, 300, 900, 3600, 4 * 3600 }.Zip(new[] { 60.0, 300, 900, 3600, 4 * 3600, double.PositiveInfinity })
                .Select(b => $"bucket {b.First} {answered.Count(f => f.Fact.ResponseSeconds >= b.First && f.Fact.ResponseSeconds < b.Second)}")
                .Append($"bucket {double.PositiveInfinity} {facts.Count(f => f.Outcome == FactOutcome.Missed)}")),
            string.Join("\n", from day in Enum.GetValues<DayOfWeek>()
                              from hour in Enumerable.Range(0, 24)
                              let cell = facts.Where(f => f.Local.DayOfWeek == day && f.Local.Hour == hour).ToList()
                              select $"cell {day} {hour} {cell.Count} {Median.Of([.. cell.Where(f => f.Outcome == FactOutcome.Answered).Select(f => f.Fact.ResponseSeconds)])}"),
        });
    }
}
