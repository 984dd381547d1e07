using Dapper;
using Inbox.Core;
using Inbox.Core.Conversations;
using Inbox.Core.Outbox;
using Inbox.Core.Pages;
using Inbox.Core.Users;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Outbox;

public sealed class MessagingWindowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_customerWrote = DateTimeOffset.FromUnixTimeMilliseconds(1795600000000);

    private IngestionHarness _inbox = default!;
    private OutboxStore _outbox = default!;
    private long _agentId;
    private long _conversationId;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _outbox = _inbox.Outbox;
        _agentId = (await _inbox.Users
            .AddAsync("agent@test.inbox", "Agent", UserRole.Agent, "long enough", CancellationToken.None)).Id;
        await _inbox.DeliverAsync(Fixture.Bytes("text-message.json"));
        _conversationId = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single().Id;
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Theory]
    [InlineData(0, WindowState.Standard)]
    [InlineData(23 * 60 + 59, WindowState.Standard)]
    [InlineData(24 * 60 + 1, WindowState.HumanAgent)]
    [InlineData(6 * 24 * 60 + 23 * 60, WindowState.HumanAgent)]
    [InlineData(7 * 24 * 60 + 60, WindowState.Closed)]
    public void The_window_is_counted_from_the_customers_last_message(int minutesLater, WindowState expected)
    {
        Assert.Equal(expected, MessagingWindow.At(s_customerWrote, s_customerWrote.AddMinutes(minutesLater)));
        Assert.Equal(WindowState.Closed, MessagingWindow.At(null, s_customerWrote));
    }

    [Fact]
    public async Task Within_24_hours_a_reply_goes_as_a_response()
    {
        _inbox.Time.SetUtcNow(s_customerWrote.AddHours(23).AddMinutes(59));

        await _outbox.EnqueueReplyAsync(_conversationId, _agentId, "Hello!", CancellationToken.None);

        Assert.Null(Assert.Single(await _outbox.DueAsync(10, CancellationToken.None)).MessageTag);
    }

    [Fact]
    public async Task After_24_hours_a_reply_needs_the_human_agent_tag_which_the_page_must_allow()
    {
        _inbox.Time.SetUtcNow(s_customerWrote.AddHours(24).AddMinutes(1));

        var refused = await Assert.ThrowsAsync<UserInputException>(() => _outbox.EnqueueReplyAsync(_conversationId, _agentId, "Sorry for the wait", CancellationToken.None));
        Assert.Contains("human agent tag, which is off", refused.Message, StringComparison.Ordinal);

        await new PageStore(_inbox.Db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider())
            .SetHumanAgentAsync(Fixture.DemoPageId, true, CancellationToken.None);
        await _outbox.EnqueueReplyAsync(_conversationId, _agentId, "Sorry for the wait", CancellationToken.None);

        Assert.Equal("HUMAN_AGENT", Assert.Single(await _outbox.DueAsync(10, CancellationToken.None)).MessageTag);
    }

    [Fact]
    public async Task After_7_days_nothing_can_be_sent_until_the_customer_writes()
    {
        await new PageStore(_inbox.Db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider())
            .SetHumanAgentAsync(Fixture.DemoPageId, true, CancellationToken.None);
        _inbox.Time.SetUtcNow(s_customerWrote.AddDays(7).AddHours(1));

        var refused = await Assert.ThrowsAsync<UserInputException>(() => _outbox.EnqueueReplyAsync(_conversationId, _agentId, "Hello?", CancellationToken.None));

        Assert.Contains("more than 7 days ago", refused.Message, StringComparison.Ordinal);
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE direction = 'out'"));
    }
}
