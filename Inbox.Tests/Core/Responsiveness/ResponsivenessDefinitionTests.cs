using Dapper;
using Inbox.Core.Automation;
using Inbox.Core.Responsiveness;
using Inbox.Core.Storage;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Responsiveness;

/// <summary>The README's definitions, case by case, with webhook payloads in Meta's shape and a controlled clock.</summary>
public sealed class ResponsivenessDefinitionTests : IAsyncLifetime
{
    // Monday 23 November 2026, 10:00 in Paris.
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.Parse("2026-11-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private const string Psid = "7100000000000001";

    private IngestionHarness _inbox = default!;
    private ResponsivenessReporter _reporter = default!;
    private int _mid;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _reporter = new ResponsivenessReporter(_inbox.Db.Database, new ResponsivenessSettings(new AppSettingStore(_inbox.Db.Database)), new ResponseFactCache(_inbox.Time), _inbox.Time);
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task A_conversations_first_message_is_new_and_a_reply_from_metas_page_inbox_is_its_response()
    {
        await CustomerAsync(s_t0);
        await PageInboxReplyAsync(s_t0.AddMinutes(3));

        var fact = Assert.Single(await FactsAsync());
        Assert.Equal("page_inbox", fact.ResponderKind);
        Assert.Equal(180, fact.ResponseSeconds);
        var report = await ReportAsync();
        Assert.Equal((1, 1, 100.0, 180.0, true), (report.Overall.NewMessages, report.Overall.Answered, report.Overall.RatePercent, report.Overall.MedianSeconds, report.Overall.Badge));
    }

    [Theory]
    [InlineData(23 * 60 + 59, false)]
    [InlineData(24 * 60, true)]
    [InlineData(24 * 60 + 1, true)]
    public async Task A_message_is_new_only_after_24_hours_of_silence_on_both_sides(int minutesOfSilence, bool isNew)
    {
        await CustomerAsync(s_t0);
        await PageInboxReplyAsync(s_t0.AddMinutes(1));

        await CustomerAsync(s_t0.AddMinutes(1 + minutesOfSilence));

        Assert.Equal(isNew ? 2 : 1, (await FactsAsync()).Count);
    }

    [Fact]
    public async Task Follow_ups_before_the_response_are_not_new_messages()
    {
        await CustomerAsync(s_t0);
        await CustomerAsync(s_t0.AddMinutes(1));
        await CustomerAsync(s_t0.AddHours(2));
        await PageInboxReplyAsync(s_t0.AddHours(3));

        var fact = Assert.Single(await FactsAsync());
        Assert.Equal(3 * 3600, fact.ResponseSeconds);
    }

    [Fact]
    public async Task An_instant_reply_is_not_a_response_even_once_meta_has_sent_it()
    {
        var current = await _inbox.Automation.GetAsync(Fixture.DemoPageId, CancellationToken.None);
        await _inbox.Automation.SaveAsync(current with { InstantReply = "Thanks! We answer within the hour." }, CancellationToken.None);
        _inbox.Time.SetUtcNow(s_t0);
        await CustomerAsync(s_t0);
        await EchoOfAutomatedReplyAsync(s_t0.AddSeconds(2));
        _inbox.Time.SetUtcNow(s_t0.AddDays(3));

        var fact = Assert.Single(await FactsAsync());
        Assert.Null(fact.RespondedAt);
        Assert.Equal(FactOutcome.Missed, fact.OutcomeAt(_inbox.Time.GetUtcNow().ToUnixTimeMilliseconds()));
        Assert.Equal(0.0, (await ReportAsync()).Overall.RatePercent);
    }

    [Fact]
    public async Task Spam_is_left_out_of_the_figures()
    {
        await CustomerAsync(s_t0);
        await CustomerAsync(s_t0, psid: "7100000000000002");
        await PageInboxReplyAsync(s_t0.AddMinutes(2), psid: "7100000000000002");
        var spammer = (await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None)).Single(c => c.Psid == Psid);

        await _inbox.Conversations.SetSpamAsync(spammer.Id, _inbox.Time.GetUtcNow(), CancellationToken.None);

        var report = await ReportAsync();
        Assert.Equal((1, 1, 100.0), (report.Overall.NewMessages, report.Spam, report.Overall.RatePercent));
    }

    [Fact]
    public async Task An_unanswered_message_inside_its_24_hours_is_pending_and_left_out_of_the_rate()
    {
        await CustomerAsync(s_t0);
        await CustomerAsync(s_t0.AddHours(-30), psid: "7100000000000002");
        _inbox.Time.SetUtcNow(s_t0.AddHours(23));

        var report = await ReportAsync();

        Assert.Equal((2, 0, 1, 1), (report.Overall.NewMessages, report.Overall.Answered, report.Overall.Missed, report.Overall.Pending));
        Assert.Equal(0.0, report.Overall.RatePercent);
    }

    [Fact]
    public async Task An_answer_after_24_hours_counts_as_not_answered()
    {
        await CustomerAsync(s_t0);
        await PageInboxReplyAsync(s_t0.AddHours(25));

        var report = await ReportAsync();

        Assert.Equal((0, 1), (report.Overall.Answered, report.Overall.Missed));
        Assert.Null(report.Overall.MedianSeconds);
        Assert.Equal(false, report.Overall.Badge);
    }

    [Fact]
    public async Task Outside_business_hours_the_clock_starts_when_the_page_opens()
    {
        var current = await _inbox.Automation.GetAsync(Fixture.DemoPageId, CancellationToken.None);
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new OpeningSpan(day, new TimeOnly(9, 0), new TimeOnly(18, 0))).ToList();
        await _inbox.Automation.SaveAsync(current with { Week = weekdays }, CancellationToken.None);
        var saturday = DateTimeOffset.Parse("2026-11-21T15:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);
        var mondayOpening = DateTimeOffset.Parse("2026-11-23T09:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);

        await CustomerAsync(saturday);
        await PageInboxReplyAsync(mondayOpening.AddMinutes(4));

        Assert.Equal(240, Assert.Single(await FactsAsync()).ResponseSeconds);
    }

    [Fact]
    public async Task While_switched_to_away_the_clock_starts_when_the_page_is_available_again()
    {
        _inbox.Time.SetUtcNow(s_t0.AddMinutes(-1));
        await _inbox.Automation.SetManualStatusAsync(Fixture.DemoPageId, ManualStatus.Away, CancellationToken.None);
        _inbox.Time.SetUtcNow(s_t0);
        await CustomerAsync(s_t0);
        Assert.Null(Assert.Single(await FactsAsync()).ClockStartAt);

        _inbox.Time.SetUtcNow(s_t0.AddMinutes(30));
        await _inbox.Automation.SetManualStatusAsync(Fixture.DemoPageId, ManualStatus.Auto, CancellationToken.None);
        await PageInboxReplyAsync(s_t0.AddMinutes(32));

        Assert.Equal(120, Assert.Single(await FactsAsync()).ResponseSeconds);
    }

    [Fact]
    public async Task A_late_delivery_takes_its_place_the_older_message_becomes_the_new_one()
    {
        await CustomerAsync(s_t0.AddHours(1));
        await PageInboxReplyAsync(s_t0.AddHours(2));
        // The earliest message arrives last.
        var late = await CustomerAsync(s_t0);

        var fact = Assert.Single(await FactsAsync());
        Assert.Equal(s_t0.ToUnixTimeMilliseconds(), fact.ReceivedAt);
        Assert.Equal(2 * 3600, fact.ResponseSeconds);
        Assert.Equal(late, await MidOfAsync(fact.MessageId));
    }

    [Fact]
    public async Task A_late_page_reply_answers_the_message_before_it_and_the_next_message_is_no_longer_new()
    {
        await CustomerAsync(s_t0);
        await CustomerAsync(s_t0.AddHours(30));
        Assert.Equal(2, (await FactsAsync()).Count);

        await PageInboxReplyAsync(s_t0.AddHours(10));

        var fact = Assert.Single(await FactsAsync());
        Assert.Equal(10 * 3600, fact.ResponseSeconds);
    }

    [Fact]
    public async Task Applying_in_any_order_gives_the_facts_a_rebuild_from_all_messages_gives()
    {
        var random = new Random(20261125);
        var deliveries = new List<byte[]>();
        for (var i = 0; i < 150; i++)
        {
            var psid = $"71000000000001{random.Next(0, 10):D2}";
            var at = s_t0.AddMinutes(random.Next(0, 30 * 24 * 60));
            deliveries.Add(random.Next(3) == 0 ? PageInboxReply(at, psid) : Customer(at, psid));
        }
        foreach (var delivery in deliveries.OrderBy(_ => random.Next()))
        {
            await _inbox.DeliverAsync(delivery);
        }
        var incremental = await FactsAsync();

        await ResponseFactsRebuild.RunAsync(_inbox.Db.Database, CancellationToken.None);

        var rebuilt = await FactsAsync();
        Assert.True(incremental.Count > 10, $"only {incremental.Count} new messages");
        Assert.Equal(rebuilt, incremental);
    }

    [Theory]
    [InlineData(new double[] { 30 }, 30.0)]
    [InlineData(new double[] { 300, 10, 60 }, 60.0)]
    [InlineData(new double[] { 10, 60, 300, 20 }, 40.0)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_two_middle_values(double[] values, double median)
    {
        Assert.Equal(median, Median.Of(values));
        Assert.Null(Median.Of([]));
    }

    // Three days after the messages unless a test moved the clock further: nothing is pending then.
    private Task<ResponsivenessReport> ReportAsync()
    {
        if (_inbox.Time.GetUtcNow() < s_t0)
        {
            _inbox.Time.SetUtcNow(s_t0.AddDays(3));
        }
        return _reporter.BuildAsync(null, s_t0.AddDays(-7), s_t0.AddDays(7), TimeZoneInfo.Utc, CancellationToken.None);
    }

    private async Task<List<ResponseFact>> FactsAsync()
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<ResponseFact>("""
            SELECT message_id, conversation_id, page_id, received_at, clock_start_at, responded_at, responder_user_id, responder_kind
            FROM response_facts ORDER BY message_id
            """)];
    }

    private async Task<string> MidOfAsync(long messageId)
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string>("SELECT mid FROM messages WHERE id = @Id", new { Id = messageId }) ?? "";
    }

    private async Task<string> CustomerAsync(DateTimeOffset at, string psid = Psid)
    {
        var body = Customer(at, psid);
        await _inbox.DeliverAsync(body);
        return $"m_def_{_mid}";
    }

    private Task PageInboxReplyAsync(DateTimeOffset at, string psid = Psid) => _inbox.DeliverAsync(PageInboxReply(at, psid));

    private byte[] Customer(DateTimeOffset at, string psid) => Fixture.CustomerText(psid, at, $"m_def_{++_mid}");

    private byte[] PageInboxReply(DateTimeOffset at, string psid) => Fixture.PageInboxEcho(psid, at, $"m_def_{++_mid}");

    private async Task EchoOfAutomatedReplyAsync(DateTimeOffset at)
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        var clientId = await connection.ExecuteScalarAsync<string>("SELECT client_id FROM messages WHERE automation IS NOT NULL");
        await _inbox.DeliverAsync(Fixture.Delivery(at, $$$"""
            {"sender":{"id":"{{{Fixture.DemoPageId}}}"},"recipient":{"id":"{{{Psid}}}"},"timestamp":{{{at.ToUnixTimeMilliseconds()}}},"message":{"mid":"m_def_{{{++_mid}}}","is_echo":true,"app_id":1000000000000001,"metadata":"{{{clientId}}}","text":"Thanks!"}}
            """));
    }
}
