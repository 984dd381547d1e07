using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Conversations;

/// <summary>An open thread reads the latest page of messages, in time order, and knows whether earlier ones exist.</summary>
public sealed class RecentMessagesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_first = DateTimeOffset.FromUnixTimeMilliseconds(1795600000000);
    private IngestionHarness _inbox = default!;
    private long _conversationId;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        // Delivered newest first: the page follows Meta's timestamps, not arrival.
        for (var n = 5; n >= 1; n--)
        {
            await _inbox.DeliverAsync(Fixture.CustomerText("psid-recent", s_first.AddMinutes(n), $"m_recent_{n}", $"Message {n}"));
        }
        _conversationId = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single().Id;
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task A_page_holds_the_latest_messages_oldest_first_and_says_earlier_ones_exist()
    {
        var page = await _inbox.Conversations.RecentMessagesAsync(_conversationId, 3, CancellationToken.None);

        Assert.Equal(["Message 3", "Message 4", "Message 5"], page.Messages.Select(m => m.Text));
        Assert.True(page.HasEarlier);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    public async Task A_page_as_large_as_the_conversation_holds_it_all_and_nothing_earlier(int limit)
    {
        var page = await _inbox.Conversations.RecentMessagesAsync(_conversationId, limit, CancellationToken.None);

        Assert.Equal(["Message 1", "Message 2", "Message 3", "Message 4", "Message 5"], page.Messages.Select(m => m.Text));
        Assert.False(page.HasEarlier);
    }
}
