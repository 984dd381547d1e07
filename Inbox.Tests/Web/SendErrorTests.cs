using System.Text;
using Dapper;
using Inbox.Core.Conversations;
using Inbox.Core.Meta;
using Inbox.Core.Outbox;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Web;

/// <summary>Each of Meta's refusals, answered by the sandbox over real HTTP, ends in the right state with plain words.</summary>
public sealed class SendErrorTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(10, 2018108, "isn't receiving messages from your Page", SendRemedy.None)]
    [InlineData(551, null, "isn't available on Messenger right now", SendRemedy.RetryLater)]
    [InlineData(200, 1545041, "isn't available on Messenger right now", SendRemedy.RetryLater)]
    [InlineData(100, 2018001, "no longer knows this person", SendRemedy.None)]
    [InlineData(10, 2018278, "24-hour window had closed", SendRemedy.OutsideWindow)]
    public async Task A_refusal_fails_the_reply_at_once_with_a_plain_reason_and_what_can_be_done(int code, int? subcode, string reason, SendRemedy remedy)
    {
        var conversation = await _app.CustomerWritesAsync($"psid-refused-{code}-{subcode}", "Hello?");
        _app.Service<SandboxGraph>().FailNextSends(1, code, subcode);

        var failed = await _app.MessageWhenAsync(await _app.AgentRepliesAsync(conversation.Id, "Hello!"), MessageStatus.Failed);

        Assert.Contains(reason, failed.Error, StringComparison.Ordinal);
        Assert.Equal(subcode is null ? $"{code}" : $"{code}/{subcode}", failed.ErrorCode);
        Assert.Equal(remedy, SendFailure.RemedyFor(failed.ErrorCode));
        Assert.Single(_app.Service<SandboxGraph>().Received, c => c.RecipientId == conversation.Psid);
    }

    [Fact]
    public async Task A_failed_reply_can_be_sent_again_and_goes_through()
    {
        var conversation = await _app.CustomerWritesAsync("psid-retry", "Are you there?");
        _app.Service<SandboxGraph>().FailNextSends(1, 551);
        var id = await _app.AgentRepliesAsync(conversation.Id, "Yes!");
        await _app.MessageWhenAsync(id, MessageStatus.Failed);
        // The list marks the row, not only the thread.
        Assert.True((await _app.Service<ConversationStore>().GetAsync(conversation.Id, CancellationToken.None))!.LastReplyFailed);

        await _app.Service<OutboxStore>().RetryAsync(id, CancellationToken.None);
        _app.Service<SendSignal>().Pulse();

        var sent = await _app.MessageWhenAsync(id, MessageStatus.Sent);
        Assert.False((await _app.Service<ConversationStore>().GetAsync(conversation.Id, CancellationToken.None))!.LastReplyFailed);
        Assert.Null(sent.Error);
        Assert.Equal(2, _app.Service<SandboxGraph>().Received.Count(c => c.RecipientId == "psid-retry"));
    }

    [Fact]
    public async Task A_rate_limit_waits_as_long_as_meta_says_and_holds_the_pages_other_replies()
    {
        var first = await _app.CustomerWritesAsync("psid-limited-1", "Hi");
        var second = await _app.CustomerWritesAsync("psid-limited-2", "Hi there");
        _app.Service<SandboxGraph>().FailNextSends(1, 80001, 2446079, regainAccessMinutes: 3);
        var before = DateTimeOffset.UtcNow;

        var limited = await _app.AgentRepliesAsync(first.Id, "Hello!");
        await Eventually.ReturnsAsync(async () => (await _app.MessageIfAsync(limited, MessageStatus.Pending))?.Error, "the rate limit to be recorded");
        var held = await _app.AgentRepliesAsync(second.Id, "Hello to you too!");
        await Eventually.ReturnsAsync(async () => (await _app.MessageIfAsync(held, MessageStatus.Pending))?.Error, "the second reply to wait");

        await using var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None);
        var retries = (await connection.QueryAsync<DateTimeOffset>("SELECT next_attempt_at FROM messages WHERE id IN @Ids", new { Ids = new[] { limited, held } })).ToList();
        Assert.All(retries, next => Assert.True(next >= before.AddMinutes(3), $"next attempt {next:O} is sooner than Meta's 3 minutes"));
        // The pause is the Page's, in the database: a second node holds the Page's replies too.
        var paused = await connection.ExecuteScalarAsync<DateTimeOffset?>("SELECT sends_paused_until FROM pages WHERE id = @Id", new { Id = Fixture.DemoPageId });
        Assert.True(paused >= before.AddMinutes(3), $"the Page's pause {paused:O} is sooner than Meta's 3 minutes");
        Assert.Contains("slow down", (await _app.MessageIfAsync(held, MessageStatus.Pending))!.Error, StringComparison.Ordinal);
        // Only the first reply reached Meta: the second waited without adding to the limit.
        Assert.Equal([80001], _app.Service<SandboxGraph>().Received.Where(c => c.RecipientId is "psid-limited-1" or "psid-limited-2").Select(c => c.ErrorCode ?? 0));
    }

    [Fact]
    public async Task Our_send_its_echo_and_a_retried_echo_make_one_message()
    {
        var conversation = await _app.CustomerWritesAsync("psid-echo-twice", "Hello");
        var sent = await _app.MessageWhenAsync(await _app.AgentRepliesAsync(conversation.Id, "Hi! How can I help?"), MessageStatus.Sent);
        var echo = Encoding.UTF8.GetBytes($$$"""
            {"object":"page","entry":[{"id":"{{{Fixture.DemoPageId}}}","time":{{{sent.SentAt.ToUnixTimeMilliseconds()}}},"messaging":[{"sender":{"id":"{{{Fixture.DemoPageId}}}"},"recipient":{"id":"psid-echo-twice"},"timestamp":{{{sent.SentAt.ToUnixTimeMilliseconds()}}},"message":{"mid":"{{{sent.Mid}}}","is_echo":true,"app_id":{{{SandboxGraph.AppId}}},"metadata":"{{{sent.ClientId}}}","text":"Hi! How can I help?"}}]}]}
            """);
        await _app.PostSignedWebhookAsync(echo);

        await Eventually.TrueAsync(async () => await _app.Service<Inbox.Core.Ingestion.WebhookDeliveryStore>().CountAsync(Inbox.Core.Ingestion.DeliveryStatus.Pending, CancellationToken.None) == 0, "the retried echo to be applied");
        var messages = await _app.Service<ConversationStore>().MessagesAsync(conversation.Id, CancellationToken.None);
        Assert.Equal(2, messages.Count);
        Assert.Single(messages, m => m.Mid == sent.Mid);
    }

    [Fact]
    public async Task Opening_a_conversation_marks_it_seen_and_typing_shows_at_most_every_ten_seconds()
    {
        var conversation = await _app.CustomerWritesAsync("psid-seen", "Hello?");
        var actions = _app.Service<Inbox.Core.SenderActions.SenderActionQueue>();

        actions.Seen(conversation.Id);
        actions.Typing(conversation.Id);
        actions.Typing(conversation.Id);
        actions.Typing(conversation.Id);

        await Eventually.TrueAsync(() => Task.FromResult(SenderActions("psid-seen").Count == 2), "mark_seen and one typing_on");
        await Task.Delay(300);
        Assert.Equal(["mark_seen", "typing_on"], SenderActions("psid-seen"));
    }

    [Fact]
    public async Task No_sender_action_goes_outside_the_24_hour_window()
    {
        var old = await _app.CustomerWritesAsync("psid-old", "Hello?");
        var recent = await _app.CustomerWritesAsync("psid-recent", "Hi");
        await using (var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE conversations SET last_customer_message_at = @At WHERE id = @Id", new { At = DateTimeOffset.UtcNow.AddHours(-25), old.Id });
        }
        var actions = _app.Service<Inbox.Core.SenderActions.SenderActionQueue>();

        actions.Seen(old.Id);
        actions.Seen(recent.Id);

        // Actions go in order: once the later one is there, the earlier one was decided.
        await Eventually.TrueAsync(() => Task.FromResult(SenderActions("psid-recent").Count == 1), "the recent conversation's mark_seen");
        Assert.Empty(SenderActions("psid-old"));
    }

    [Fact]
    public async Task A_stale_profile_is_fetched_again_when_the_person_writes()
    {
        var conversation = await _app.CustomerWritesAsync("psid-renamed", "Hello", "Camille Martin");
        await Eventually.ReturnsAsync(async () => (await _app.Service<ConversationStore>().GetAsync(conversation.Id, CancellationToken.None))?.ContactName, "the first profile");
        await using (var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE contacts SET profile_checked_at = @At WHERE psid = 'psid-renamed'", new { At = DateTimeOffset.UtcNow.AddDays(-8) });
            await connection.ExecuteAsync("UPDATE sandbox_customers SET name = 'Camille Durand' WHERE psid = 'psid-renamed'");
        }

        await _app.CustomerWritesAsync("psid-renamed", "It's me again");

        await Eventually.TrueAsync(
            async () => (await _app.Service<ConversationStore>().GetAsync(conversation.Id, CancellationToken.None))?.ContactName == "Camille Durand", "the refreshed name");
    }

    private List<string> SenderActions(string psid) =>
        [.. _app.Service<SandboxGraph>().SenderActionsReceived.Where(c => c.RecipientId == psid).Select(c => c.SenderAction!)];
}
