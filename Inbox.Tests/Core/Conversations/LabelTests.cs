using System.Text;
using Inbox.Core;
using Inbox.Core.Conversations;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Conversations;

public sealed class LabelTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;
    private LabelStore _labels = default!;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _labels = new LabelStore(_inbox.Db.Database, _inbox.Feed, _inbox.Time);
        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task Labels_go_on_conversations_or_people_are_reused_whatever_the_case_and_filter_the_inbox()
    {
        var conversations = await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None);
        var (first, second) = (conversations[0].Id, conversations[1].Id);

        await _labels.AddAsync(first, LabelTarget.Conversation, "Wholesale", CancellationToken.None);
        await _labels.AddAsync(second, LabelTarget.Contact, "wholesale ", CancellationToken.None);
        await _labels.AddAsync(second, LabelTarget.Contact, "VIP", CancellationToken.None);

        var wholesale = (await _labels.ListAsync(CancellationToken.None)).Single(l => l.Name == "Wholesale");
        Assert.Equal(["VIP", "Wholesale"], (await _labels.ListAsync(CancellationToken.None)).Select(l => l.Name));
        var (onConversation, onContact) = await _labels.ForAsync(second, CancellationToken.None);
        Assert.Empty(onConversation);
        Assert.Equal(["VIP", "Wholesale"], onContact.Select(l => l.Name));
        var filtered = await _inbox.Conversations.ListAsync(new ConversationFilter(LabelId: wholesale.Id), 0, 10, CancellationToken.None);
        Assert.Equal([first, second], filtered.Select(c => c.Id));

        await _labels.RemoveAsync(first, LabelTarget.Conversation, wholesale.Id, CancellationToken.None);
        Assert.Equal([second], (await _inbox.Conversations.ListAsync(new ConversationFilter(LabelId: wholesale.Id), 0, 10, CancellationToken.None)).Select(c => c.Id));
        await Assert.ThrowsAsync<UserInputException>(() => _labels.AddAsync(first, LabelTarget.Conversation, "  ", CancellationToken.None));
    }
}
