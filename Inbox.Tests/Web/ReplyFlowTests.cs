using Dapper;
using Inbox.Core.Conversations;
using Inbox.Core.Outbox;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Web;

/// <summary>A reply from the outbox to the sandbox Graph API over real HTTP, and back as an echo.</summary>
public sealed class ReplyFlowTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_reply_is_sent_as_a_response_with_our_id_and_marked_sent_once()
    {
        var conversation = await CustomerWritesAsync("psid-reply", "Do you have gift cards?");

        var messageId = await ReplyAsync(conversation.Id, "Yes, from 20 euros.");

        var sent = await Eventually.ReturnsAsync(async () => await MessageIfAsync(messageId, MessageStatus.Sent), "the reply to be sent");
        var call = Assert.Single(_app.Service<SandboxGraph>().Received, c => c.RecipientId == "psid-reply");
        Assert.Equal("RESPONSE", call.MessagingType);
        Assert.Equal(sent.ClientId, call.Metadata);
        Assert.Equal(call.MessageId, sent.Mid);
        // The echo has come back (its time is Meta's) and did not add a second copy of the reply.
        await Eventually.TrueAsync(async () => (await _app.Service<Inbox.Core.Ingestion.WebhookDeliveryStore>().CountAsync(Inbox.Core.Ingestion.DeliveryStatus.Done, CancellationToken.None)) >= 2, "the echo to be applied");
        var messages = await _app.Service<ConversationStore>().MessagesAsync(conversation.Id, CancellationToken.None);
        Assert.Equal(2, messages.Count);
        Assert.Null((await _app.Service<ConversationStore>().GetAsync(conversation.Id, CancellationToken.None))!.WaitingSince);
    }

    [Fact]
    public async Task Quick_reply_buttons_go_to_the_send_api_with_the_reply()
    {
        var conversation = await CustomerWritesAsync("psid-buttons", "Which sizes do you have?");
        var agent = await _app.FindUserAsync(InboxAppFactory.Demo.AgentEmail);

        var id = await _app.Service<OutboxStore>().EnqueueReplyAsync(conversation.Id, agent!.Id, "Small or large?", ["Small", "Large"], CancellationToken.None);
        _app.Service<SendSignal>().Pulse();

        await Eventually.ReturnsAsync(async () => await MessageIfAsync(id, MessageStatus.Sent), "the reply to be sent");
        var call = Assert.Single(_app.Service<SandboxGraph>().Received, c => c.RecipientId == "psid-buttons");
        Assert.Equal(["Small", "Large"], call.QuickReplies);
    }

    [Fact]
    public async Task A_transient_error_is_retried_until_the_reply_goes_through()
    {
        var conversation = await CustomerWritesAsync("psid-transient", "Hello?");
        _app.Service<SandboxGraph>().FailNextSends(1, 1200);

        var messageId = await ReplyAsync(conversation.Id, "Hello! Sorry for the wait.");

        await Eventually.ReturnsAsync(async () => await MessageIfAsync(messageId, MessageStatus.Sent), "the retried reply to be sent", timeoutSeconds: 30);
        var calls = _app.Service<SandboxGraph>().Received.Where(c => c.RecipientId == "psid-transient").ToList();
        Assert.Equal([1200, null], calls.Select(c => c.ErrorCode));
    }

    [Fact]
    public async Task A_reply_outside_the_24_hour_window_fails_with_metas_reason()
    {
        var conversation = await CustomerWritesAsync("psid-late", "Are you open on Sunday?");
        await using (var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "UPDATE sandbox_customers SET last_message_at = @At WHERE psid = 'psid-late'",
                new { At = DateTimeOffset.UtcNow.AddHours(-25) });
        }

        var messageId = await ReplyAsync(conversation.Id, "Yes, 10 to 18.");

        var failed = await Eventually.ReturnsAsync(async () => await MessageIfAsync(messageId, MessageStatus.Failed), "the reply to fail");
        Assert.Equal("Messenger's 24-hour window had closed when this was sent.", failed.Error);
        Assert.Equal("10/2018278", failed.ErrorCode);
    }

    [Fact]
    public async Task Between_24_hours_and_7_days_a_reply_goes_with_the_human_agent_tag_and_meta_accepts_it()
    {
        var conversation = await CustomerWritesAsync("psid-tagged", "Is my order shipped?");
        await using (var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            var wrote = DateTimeOffset.UtcNow.AddHours(-30);
            await connection.ExecuteAsync("UPDATE sandbox_customers SET last_message_at = @At WHERE psid = 'psid-tagged'", new { At = wrote });
            await connection.ExecuteAsync("UPDATE conversations SET last_customer_message_at = @At WHERE id = @Id", new { At = wrote, conversation.Id });
        }
        await _app.Service<Inbox.Core.Pages.PageStore>().SetHumanAgentAsync(Fixture.DemoPageId, true, CancellationToken.None);

        var messageId = await ReplyAsync(conversation.Id, "Sorry for the delay: it shipped this morning.");

        await Eventually.ReturnsAsync(async () => await MessageIfAsync(messageId, MessageStatus.Sent), "the tagged reply to be sent");
        var call = Assert.Single(_app.Service<SandboxGraph>().Received, c => c.RecipientId == "psid-tagged");
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT"), (call.MessagingType, call.Tag));
    }

    [Fact]
    public async Task A_refused_token_disconnects_the_page_and_nothing_more_is_sent_until_it_is_connected_again()
    {
        var conversation = await CustomerWritesAsync("psid-token", "Hello?");
        var sandbox = _app.Service<SandboxGraph>();
        sandbox.FailNextSends(1, 190);

        var first = await ReplyAsync(conversation.Id, "Hello!");
        var failed = await Eventually.ReturnsAsync(async () => await MessageIfAsync(first, MessageStatus.Failed), "the reply to fail");
        Assert.Equal(SendWorker.DisconnectedReason, failed.Error);
        Assert.NotNull((await _app.Service<Inbox.Core.Pages.PageStore>().ListAsync(CancellationToken.None)).Single().DisconnectedAt);

        var second = await ReplyAsync(conversation.Id, "Hello again!");
        await Eventually.ReturnsAsync(async () => await MessageIfAsync(second, MessageStatus.Failed), "the second reply to fail at once");
        Assert.Single(sandbox.Received, c => c.RecipientId == "psid-token");

        var token = await _app.Service<Inbox.Core.Pages.PageStore>().AccessTokenAsync(Fixture.DemoPageId, CancellationToken.None);
        await _app.Service<Inbox.Core.Pages.PageConnector>().ConnectAsync(Fixture.DemoPageId, "Maison Lumière Candles", token!, "Europe/Paris", CancellationToken.None);
        var third = await ReplyAsync(conversation.Id, "Back online!");
        await Eventually.ReturnsAsync(async () => await MessageIfAsync(third, MessageStatus.Sent), "the reply after reconnecting to be sent");
    }

    [Fact]
    public async Task Bad_replies_are_refused_before_anything_is_stored()
    {
        var conversation = await CustomerWritesAsync("psid-bad", "Hi");
        var outbox = _app.Service<OutboxStore>();
        var agent = await _app.FindUserAsync(InboxAppFactory.Demo.AgentEmail);

        await Assert.ThrowsAsync<Inbox.Core.UserInputException>(() => outbox.EnqueueReplyAsync(conversation.Id, agent!.Id, "   ", CancellationToken.None));
        var tooLong = await Assert.ThrowsAsync<Inbox.Core.UserInputException>(() => outbox.EnqueueReplyAsync(conversation.Id, agent!.Id, new string('a', 2001), CancellationToken.None));
        Assert.Contains("at most 2000 characters", tooLong.Message, StringComparison.Ordinal);
        Assert.Single(await _app.Service<ConversationStore>().MessagesAsync(conversation.Id, CancellationToken.None));
    }

    private Task<ConversationSummary> CustomerWritesAsync(string psid, string text) => _app.CustomerWritesAsync(psid, text);

    private Task<long> ReplyAsync(long conversationId, string text) => _app.AgentRepliesAsync(conversationId, text);

    private Task<Message?> MessageIfAsync(long messageId, MessageStatus status) => _app.MessageIfAsync(messageId, status);
}
