using System.Text;
using Inbox.Core.Conversations;
using Inbox.Core.Outbox;
using Inbox.Core.Users;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Outbox;

/// <summary>Meta's echo and its HTTP answer race; whichever comes first marks the reply sent, and never twice.</summary>
public sealed class OutboxOrderingTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;
    private OutboxStore _outbox = default!;
    private OutboundMessage _reply = default!;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        // A minute after the fixture's message, so the reply is inside the 24-hour window whatever today's date.
        _inbox.Time.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000));
        _outbox = _inbox.Outbox;
        var agent = await _inbox.Users
            .AddAsync("agent@test.inbox", "Agent", UserRole.Agent, "long enough", CancellationToken.None);
        await _inbox.DeliverAsync(Fixture.Bytes("text-message.json"));
        var conversation = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single();
        await _outbox.EnqueueReplyAsync(conversation.Id, agent.Id, "Yes, we ship to Lyon.", CancellationToken.None);
        _reply = Assert.Single(await _outbox.DueAsync(10, CancellationToken.None));
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task Echo_first_then_http_answer_gives_one_sent_reply_at_metas_time()
    {
        await _inbox.DeliverAsync(Echo("m_reply_1", 1795600030000));
        var markedByHttp = await _outbox.MarkSentAsync(_reply, "m_reply_1", CancellationToken.None);

        Assert.False(markedByHttp);
        await AssertOneSentReplyAsync("m_reply_1", DateTimeOffset.FromUnixTimeMilliseconds(1795600030000));
    }

    [Fact]
    public async Task Http_answer_first_then_echo_gives_one_sent_reply_at_metas_time()
    {
        var markedByHttp = await _outbox.MarkSentAsync(_reply, "m_reply_1", CancellationToken.None);
        await _inbox.DeliverAsync(Echo("m_reply_1", 1795600030000));

        Assert.True(markedByHttp);
        await AssertOneSentReplyAsync("m_reply_1", DateTimeOffset.FromUnixTimeMilliseconds(1795600030000));
    }

    [Fact]
    public async Task A_retried_echo_changes_nothing()
    {
        await _inbox.DeliverAsync(Echo("m_reply_1", 1795600030000));
        await _inbox.DeliverAsync(Echo("m_reply_1", 1795600030000));

        await AssertOneSentReplyAsync("m_reply_1", DateTimeOffset.FromUnixTimeMilliseconds(1795600030000));
    }

    [Fact]
    public async Task A_failure_after_the_echo_arrived_does_not_mark_the_reply_failed()
    {
        await _inbox.DeliverAsync(Echo("m_reply_1", 1795600030000));

        await _outbox.MarkFailedAsync(_reply, "timeout", "0", CancellationToken.None);

        await AssertOneSentReplyAsync("m_reply_1", DateTimeOffset.FromUnixTimeMilliseconds(1795600030000));
    }

    private byte[] Echo(string mid, long timestamp) => Encoding.UTF8.GetBytes(
        "{\"object\":\"page\",\"entry\":[{\"id\":\"" + Fixture.DemoPageId + "\",\"time\":" + timestamp + ",\"messaging\":[{\"sender\":{\"id\":\"" + Fixture.DemoPageId +
        "\"},\"recipient\":{\"id\":\"7100000000000001\"},\"timestamp\":" + timestamp + ",\"message\":{\"mid\":\"" + mid +
        "\",\"is_echo\":true,\"app_id\":1000000000000001,\"metadata\":\"" + _reply.ClientId + "\",\"text\":\"Yes, we ship to Lyon.\"}}]}]}");

    private async Task AssertOneSentReplyAsync(string mid, DateTimeOffset sentAt)
    {
        var replies = (await _inbox.AllMessagesAsync()).Where(m => m.Direction == MessageDirection.Out).ToList();
        var reply = Assert.Single(replies);
        Assert.Equal(MessageStatus.Sent, reply.Status);
        Assert.Equal(mid, reply.Mid);
        Assert.Equal(sentAt, reply.SentAt);
        var conversation = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single();
        Assert.Null(conversation.WaitingSince);
        Assert.Equal("Yes, we ship to Lyon.", conversation.LastMessagePreview);
    }
}
