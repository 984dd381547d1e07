using Inbox.Core.Conversations;
using Inbox.Core.Users;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Conversations;

public sealed class DraftStoreTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;
    private User _ana = default!;
    private User _sam = default!;
    private long _conversationId;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _ana = await _inbox.Users.AddAsync("ana@shop.example", "Ana Costa", UserRole.Agent, "a long password here", CancellationToken.None);
        _sam = await _inbox.Users.AddAsync("sam@shop.example", "Sam Taylor", UserRole.Agent, "a long password here", CancellationToken.None);
        await _inbox.DeliverAsync(Fixture.Bytes("text-message.json"));
        _conversationId = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single().Id;
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task A_draft_is_kept_per_author_outlives_its_store_and_blank_text_forgets_it()
    {
        await new DraftStore(_inbox.Db.Database, _inbox.Time).SaveAsync(_ana.Id, _conversationId, new Draft { Text = "Check the trade price", Note = true }, CancellationToken.None);

        // A new store on the same file, as after a restart.
        var drafts = new DraftStore(_inbox.Db.Database, _inbox.Time);
        Assert.Equal(new Draft { Text = "Check the trade price", Note = true }, await drafts.GetAsync(_ana.Id, _conversationId, CancellationToken.None));
        Assert.Null(await drafts.GetAsync(_sam.Id, _conversationId, CancellationToken.None));

        await drafts.SaveAsync(_ana.Id, _conversationId, new Draft { Text = "  " }, CancellationToken.None);
        Assert.Null(await drafts.GetAsync(_ana.Id, _conversationId, CancellationToken.None));
    }
}
