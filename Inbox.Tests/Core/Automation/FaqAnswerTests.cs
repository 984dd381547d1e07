using System.Text;
using Dapper;
using Inbox.Core.Automation;
using Inbox.Core.Conversations;
using Inbox.Core.Outbox;
using Inbox.Core.SavedReplies;
using Inbox.Core.Users;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Automation;

public sealed class FaqAnswerTests : IAsyncLifetime
{
    private const string Helped = "That helped";
    private const string TalkToPerson = "Talk to a person";
    private IngestionHarness _inbox = default!;
    private User _manager = default!;
    private SavedReply _shipping = default!;
    private int _mid;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _inbox.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        _manager = await _inbox.Users
            .AddAsync("manager@test.inbox", "Morgan", UserRole.Manager, "long enough", CancellationToken.None);
        _shipping = await _inbox.SavedReplies.CreateAsync(new SavedReplyDraft(
            "Shipping", "shipping", "en", "Hi {first_name}! We ship everywhere in Europe within 2 days.", Personal: false,
            FaqTriggers: ["do you ship to", "livrez-vous"]), _manager.Id, _manager.Role, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task A_matching_question_is_answered_by_the_bot_with_a_way_to_a_person()
    {
        await CustomerWritesAsync("Bonjour, livrez vous à Lyon ?");

        var answer = Assert.Single(await BotMessagesAsync());
        Assert.Equal(AutomationKinds.Faq, answer.Automation);
        Assert.Equal("Hi! We ship everywhere in Europe within 2 days.", answer.Text); // no name known: left out, not shown as {first_name}
        Assert.Equal([Helped, TalkToPerson], Inbox.Core.Storage.JsonList.FromJson(answer.QuickRepliesJson));
        Assert.Equal(1, (await _inbox.SavedReplies.GetVisibleAsync(_shipping.Id, _manager.Id, CancellationToken.None))!.UsageCount);
    }

    [Fact]
    public async Task A_page_whose_customers_speak_french_titles_the_buttons_in_french_and_understands_them()
    {
        var automation = await _inbox.Automation.GetAsync(Fixture.DemoPageId, CancellationToken.None);
        await _inbox.Automation.SaveAsync(automation with { CustomerLanguage = "fr" }, CancellationToken.None);

        await CustomerWritesAsync("Bonjour, livrez vous à Lyon ?");
        await CustomerWritesAsync("Parler à quelqu'un", quickReply: "Parler à quelqu'un");

        var answer = Assert.Single(await BotMessagesAsync());
        Assert.Equal(["Ça m'a aidé", "Parler à quelqu'un"], Inbox.Core.Storage.JsonList.FromJson(answer.QuickRepliesJson));
        Assert.All(Inbox.Core.Storage.JsonList.FromJson(answer.QuickRepliesJson)!, title => Assert.True(title.Length <= Inbox.Core.Meta.QuickReplies.MaxTitleLength));
        Assert.NotNull(await HumanRequestedAtAsync());
        Assert.Equal(["person"], await OutcomesAsync());
    }

    [Fact]
    public async Task A_near_miss_gets_no_answer()
    {
        await CustomerWritesAsync("My candle arrived broken");

        Assert.Empty(await BotMessagesAsync());
    }

    [Fact]
    public async Task Talk_to_a_person_hands_the_conversation_over_and_the_bot_stays_quiet()
    {
        await CustomerWritesAsync("Do you ship to Belgium?");
        await CustomerWritesAsync(TalkToPerson, quickReply: TalkToPerson);
        await CustomerWritesAsync("Do you ship to Spain too?");

        Assert.Single(await BotMessagesAsync());
        Assert.NotNull(await HumanRequestedAtAsync());
        Assert.Equal(["person"], await OutcomesAsync());
        var stats = (await _inbox.SavedReplies.FaqStatsAsync(CancellationToken.None))[_shipping.Id];
        Assert.Equal((1, 1), (stats.Answered, stats.AskedForPerson));
    }

    [Fact]
    public async Task Once_a_person_has_replied_the_request_for_one_is_fulfilled()
    {
        await CustomerWritesAsync("Do you ship to Belgium?");
        await CustomerWritesAsync(TalkToPerson, quickReply: TalkToPerson);
        var conversation = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single();
        var outbox = _inbox.Outbox;
        await outbox.EnqueueReplyAsync(conversation.Id, _manager.Id, "Hi, Morgan here: yes, 3 days to Belgium.", CancellationToken.None);

        // One reply of a conversation is due at a time, in order: the bot's answers, then the person's.
        while (await outbox.DueAsync(10, CancellationToken.None) is [var due, ..])
        {
            await outbox.MarkSentAsync(due, "m_sent_" + due.Id, CancellationToken.None);
        }

        Assert.Null(await HumanRequestedAtAsync());
    }

    [Fact]
    public async Task Any_further_question_after_an_answer_also_goes_to_a_person()
    {
        await CustomerWritesAsync("Do you ship to Belgium?");
        await CustomerWritesAsync("And how much does it cost?");

        Assert.Single(await BotMessagesAsync());
        Assert.NotNull(await HumanRequestedAtAsync());
        Assert.Equal(["followup"], await OutcomesAsync());
    }

    [Fact]
    public async Task That_helped_is_recorded_and_the_bot_may_answer_again_later()
    {
        await CustomerWritesAsync("Do you ship to Belgium?");
        await CustomerWritesAsync(Helped, quickReply: Helped);
        await CustomerWritesAsync("Do you ship to Spain?");

        Assert.Equal(2, (await BotMessagesAsync()).Count);
        Assert.Null(await HumanRequestedAtAsync());
        Assert.Equal(["helped", null], await OutcomesAsync());
    }

    [Fact]
    public async Task The_bot_never_answers_while_an_agent_is_on_the_conversation()
    {
        await CustomerWritesAsync("Hello");
        var conversation = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single();
        await _inbox.Outbox.EnqueueReplyAsync(conversation.Id, _manager.Id, "Hi! How can I help?", CancellationToken.None);

        await CustomerWritesAsync("Do you ship to Belgium?");

        Assert.Empty(await BotMessagesAsync());
    }

    [Fact]
    public async Task Personal_replies_cannot_be_faqs()
    {
        await Assert.ThrowsAsync<Inbox.Core.UserInputException>(() => _inbox.SavedReplies.CreateAsync(
            new SavedReplyDraft("Mine", "mine", "en", "Text", Personal: true, FaqTriggers: ["hello"]), _manager.Id, _manager.Role, CancellationToken.None));
    }

    private Task CustomerWritesAsync(string text, string? quickReply = null)
    {
        _inbox.Time.Advance(TimeSpan.FromSeconds(10));
        var at = _inbox.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var quick = quickReply is null ? "" : ",\"quick_reply\":{\"payload\":\"" + quickReply + "\"}";
        return _inbox.DeliverAsync(Encoding.UTF8.GetBytes(
            "{\"object\":\"page\",\"entry\":[{\"id\":\"" + Fixture.DemoPageId + "\",\"time\":" + at + ",\"messaging\":[{\"sender\":{\"id\":\"7100000000000077\"},\"recipient\":{\"id\":\"" +
            Fixture.DemoPageId + "\"},\"timestamp\":" + at + ",\"message\":{\"mid\":\"m_faq_" + Interlocked.Increment(ref _mid) + "\",\"text\":\"" + text + "\"" + quick + "}}]}]}"));
    }

    private async Task<List<Message>> BotMessagesAsync() => [.. (await _inbox.AllMessagesAsync()).Where(m => m.Automation == AutomationKinds.Faq)];

    private async Task<long?> HumanRequestedAtAsync()
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long?>("SELECT human_requested_at FROM conversations");
    }

    private async Task<List<string?>> OutcomesAsync()
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string?>("SELECT outcome FROM faq_answers ORDER BY id")];
    }
}
