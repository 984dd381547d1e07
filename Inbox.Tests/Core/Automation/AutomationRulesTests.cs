using System.Text;
using Inbox.Core.Automation;
using Inbox.Core.Conversations;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Automation;

/// <summary>Instant replies and away messages, decided as customer messages are applied.</summary>
public sealed class AutomationRulesTests : IAsyncLifetime
{
    private static readonly OpeningSpan[] s_weekdays =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new OpeningSpan(day, new TimeOnly(9, 0), new TimeOnly(18, 0))),
    ];

    private IngestionHarness _inbox = default!;
    private int _mid;

    public async Task InitializeAsync() => _inbox = await IngestionHarness.CreateAsync();

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task The_instant_reply_answers_only_the_first_message_of_a_new_conversation()
    {
        await ConfigureAsync(instantReply: "Thanks for writing! We usually answer within the hour.");
        SetClock("2026-11-23T10:00:00+01:00"); // Monday morning, open

        await CustomerWritesAsync("7100000000000001", "Hello");
        await CustomerWritesAsync("7100000000000001", "Are you there?");

        var automated = await AutomatedAsync();
        var greeting = Assert.Single(automated);
        Assert.Equal(AutomationKinds.InstantReply, greeting.Automation);
        Assert.Equal("Thanks for writing! We usually answer within the hour.", greeting.Text);
        Assert.Equal(MessageStatus.Pending, greeting.Status);
        Assert.Null(greeting.AuthorUserId);
    }

    [Theory]
    [InlineData("2026-11-27T19:30:00+01:00", "Merci pour votre message\u00a0! Nous sommes absents pour le moment et vous répondrons lundi à 09:00.")]
    [InlineData("2026-11-26T19:30:00+01:00", "Merci pour votre message\u00a0! Nous sommes absents pour le moment et vous répondrons demain à 09:00.")]
    [InlineData("2026-11-26T07:30:00+01:00", "Merci pour votre message\u00a0! Nous sommes absents pour le moment et vous répondrons aujourd'hui à 09:00.")]
    public async Task A_page_whose_customers_speak_french_tells_them_in_french_when_it_is_back(string now, string expected)
    {
        await ConfigureAsync(awayMessage: PageAutomation.DefaultAwayMessage("fr"), week: s_weekdays, customerLanguage: "fr");
        SetClock(now);

        await CustomerWritesAsync("7100000000000009", "Bonjour");

        Assert.Equal(expected, Assert.Single(await AutomatedAsync()).Text);
    }

    [Fact]
    public async Task An_unknown_customer_language_is_refused()
    {
        var current = await _inbox.Automation.GetAsync(Fixture.DemoPageId, CancellationToken.None);

        await Assert.ThrowsAsync<Inbox.Core.UserInputException>(() => _inbox.Automation.SaveAsync(current with { CustomerLanguage = "de" }, CancellationToken.None));
    }

    [Fact]
    public async Task Outside_hours_the_away_message_says_when_to_expect_an_answer_once_per_away_period()
    {
        await ConfigureAsync(awayMessage: PageAutomation.DefaultAwayMessage(null), week: s_weekdays);
        SetClock("2026-11-27T19:30:00+01:00"); // Friday evening, closed until Monday 09:00

        await CustomerWritesAsync("7100000000000001", "Hi, quick question");
        await CustomerWritesAsync("7100000000000001", "Still there?");

        var away = Assert.Single(await AutomatedAsync());
        Assert.Equal(AutomationKinds.AwayMessage, away.Automation);
        Assert.Equal("Thanks for your message! We're away right now and will answer on Monday at 09:00.", away.Text);

        // Monday evening is a new away period: one more notice.
        SetClock("2026-11-30T20:00:00+01:00");
        await CustomerWritesAsync("7100000000000001", "Hello again");
        Assert.Equal(2, (await AutomatedAsync()).Count);
    }

    [Fact]
    public async Task An_away_message_sent_does_not_count_as_an_answer_the_conversation_keeps_waiting()
    {
        await ConfigureAsync(awayMessage: "We're away.", week: s_weekdays);
        SetClock("2026-11-28T12:00:00+01:00");
        await CustomerWritesAsync("7100000000000001", "Hello?");
        var away = Assert.Single(await AutomatedAsync());
        var outbox = _inbox.Outbox;

        Assert.True(await outbox.MarkSentAsync(Assert.Single(await outbox.DueAsync(10, CancellationToken.None)), "m_away_sent", CancellationToken.None));

        var conversation = Assert.Single(await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None));
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T12:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), conversation.WaitingSince);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Equal("We're away.", conversation.LastMessagePreview);
        Assert.Equal(away.Id, (await _inbox.AllMessagesAsync()).Single(m => m.Mid == "m_away_sent").Id);
    }

    [Fact]
    public async Task During_hours_no_away_message_goes_out()
    {
        await ConfigureAsync(awayMessage: PageAutomation.DefaultAwayMessage(null), week: s_weekdays);
        SetClock("2026-11-24T11:00:00+01:00");

        await CustomerWritesAsync("7100000000000001", "Hello");

        Assert.Empty(await AutomatedAsync());
    }

    [Fact]
    public async Task The_manual_away_switch_wins_over_the_hours_and_each_switch_starts_a_new_period()
    {
        await ConfigureAsync(awayMessage: "Back soon: {back_at}.", week: s_weekdays);
        SetClock("2026-11-24T11:00:00+01:00");
        await _inbox.Automation.SetManualStatusAsync(Fixture.DemoPageId, ManualStatus.Away, CancellationToken.None);

        await CustomerWritesAsync("7100000000000001", "Hello");
        await CustomerWritesAsync("7100000000000001", "Hello?");
        Assert.Equal("Back soon: as soon as we can.", Assert.Single(await AutomatedAsync()).Text);

        await _inbox.Automation.SetManualStatusAsync(Fixture.DemoPageId, ManualStatus.Available, CancellationToken.None);
        _inbox.Time.Advance(TimeSpan.FromMinutes(5));
        await _inbox.Automation.SetManualStatusAsync(Fixture.DemoPageId, ManualStatus.Away, CancellationToken.None);
        await CustomerWritesAsync("7100000000000001", "Anyone?");
        Assert.Equal(2, (await AutomatedAsync()).Count);
    }

    [Fact]
    public async Task When_away_a_new_conversation_gets_the_away_message_instead_of_the_greeting()
    {
        await ConfigureAsync(instantReply: "Hello there!", awayMessage: "We're closed, back {back_at}.", week: s_weekdays);
        SetClock("2026-11-28T12:00:00+01:00"); // Saturday

        await CustomerWritesAsync("7100000000000009", "Hi");

        Assert.Equal(AutomationKinds.AwayMessage, Assert.Single(await AutomatedAsync()).Automation);
    }

    [Fact]
    public async Task Replaying_a_delivery_sends_nothing_twice()
    {
        await ConfigureAsync(instantReply: "Hello there!");
        var body = Message("7100000000000001", "Hello");

        await _inbox.DeliverAsync(body);
        await _inbox.DeliverAsync(body);

        Assert.Single(await AutomatedAsync());
    }

    [Fact]
    public async Task Hours_that_close_before_they_open_are_refused()
    {
        var current = await _inbox.Automation.GetAsync(Fixture.DemoPageId, CancellationToken.None);

        await Assert.ThrowsAsync<Inbox.Core.UserInputException>(() => _inbox.Automation.SaveAsync(
            current with { Week = [new OpeningSpan(DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(9, 0))] }, CancellationToken.None));
    }

    private async Task ConfigureAsync(string? instantReply = null, string? awayMessage = null, IReadOnlyList<OpeningSpan>? week = null, string? customerLanguage = null)
    {
        var current = await _inbox.Automation.GetAsync(Fixture.DemoPageId, CancellationToken.None);
        await _inbox.Automation.SaveAsync(current with { InstantReply = instantReply, AwayMessage = awayMessage, Week = week ?? [], CustomerLanguage = customerLanguage }, CancellationToken.None);
    }

    private void SetClock(string instant) =>
        _inbox.Time.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

    private Task CustomerWritesAsync(string psid, string text) => _inbox.DeliverAsync(Message(psid, text));

    private byte[] Message(string psid, string text)
    {
        var at = _inbox.Time.GetUtcNow().ToUnixTimeMilliseconds();
        return Encoding.UTF8.GetBytes(
            "{\"object\":\"page\",\"entry\":[{\"id\":\"" + Fixture.DemoPageId + "\",\"time\":" + at + ",\"messaging\":[{\"sender\":{\"id\":\"" + psid +
            "\"},\"recipient\":{\"id\":\"" + Fixture.DemoPageId + "\"},\"timestamp\":" + at + ",\"message\":{\"mid\":\"m_auto_" + Interlocked.Increment(ref _mid) +
            "\",\"text\":\"" + text + "\"}}]}]}");
    }

    private async Task<List<Message>> AutomatedAsync() => [.. (await _inbox.AllMessagesAsync()).Where(m => m.Automation is not null)];
}
