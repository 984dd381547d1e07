using System.Text;
using Dapper;
using Inbox.Core;
using Inbox.Core.Conversations;
using Inbox.Core.Users;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Conversations;

public sealed class NoteTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;
    private NoteStore _notes = default!;
    private User _ana = default!;
    private User _sam = default!;
    private long _conversationId;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _notes = new NoteStore(_inbox.Db.Database, _inbox.Feed, _inbox.Time);
        _ana = await _inbox.Users.AddAsync("ana@shop.example", "Ana Costa", UserRole.Agent, "a long password here", CancellationToken.None);
        _sam = await _inbox.Users.AddAsync("sam@shop.example", "Sam Taylor", UserRole.Agent, "a long password here", CancellationToken.None);
        await _inbox.DeliverAsync(Fixture.Bytes("text-message.json"));
        _conversationId = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single().Id;
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task A_note_stays_with_the_team_it_is_not_a_message_and_nothing_is_queued_to_send()
    {
        await _notes.AddAsync(_conversationId, _ana.Id, "Customer is a wholesaler, offer the trade price.", CancellationToken.None);

        var note = Assert.Single(await _notes.ListAsync(_conversationId, CancellationToken.None));
        Assert.Equal(("Ana Costa", "Customer is a wholesaler, offer the trade price."), (note.AuthorName, note.Text));
        Assert.Single(await _inbox.Conversations.MessagesAsync(_conversationId, CancellationToken.None));
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM messages WHERE status = 'pending'"));
        Assert.NotNull((await _inbox.Conversations.GetAsync(_conversationId, CancellationToken.None))!.WaitingSince);
    }

    [Theory]
    [InlineData("@Sam can you check?", new[] { "Sam Taylor" })]
    [InlineData("ask @sam taylor and @Ana", new[] { "Sam Taylor", "Ana Costa" })]
    [InlineData("mail sam@shop.example", new string[0])]
    [InlineData("@Samuel is not here", new string[0])]
    public void Mentions_are_found_by_display_name_or_first_name(string text, string[] names)
    {
        var users = new List<(long, string)> { (1, "Ana Costa"), (2, "Sam Taylor") };

        var mentioned = NoteStore.Mentioned(text, users);

        Assert.Equal(names.Select(n => n == "Ana Costa" ? 1L : 2L).Order(), mentioned.Order());
    }

    [Fact]
    public async Task A_mention_puts_the_conversation_in_the_teammates_mentions_until_they_open_it()
    {
        await _notes.AddAsync(_conversationId, _ana.Id, "@Sam over to you, and a note to myself @Ana", CancellationToken.None);

        Assert.Equal(1, (await _inbox.Conversations.ViewCountsAsync(_sam.Id, CancellationToken.None))[InboxView.Mentions]);
        Assert.Equal(0, (await _inbox.Conversations.ViewCountsAsync(_ana.Id, CancellationToken.None))[InboxView.Mentions]);
        Assert.Single(await _inbox.Conversations.ListAsync(new ConversationFilter(View: InboxView.Mentions, UserId: _sam.Id), 0, 10, CancellationToken.None));

        Assert.True(await _notes.MarkSeenAsync(_conversationId, _sam.Id, CancellationToken.None));

        Assert.Equal(0, (await _inbox.Conversations.ViewCountsAsync(_sam.Id, CancellationToken.None))[InboxView.Mentions]);
        Assert.Contains(_inbox.Published, c => c.Kind == Inbox.Core.Live.InboxChangeKind.NoteAdded);
    }

    [Fact]
    public async Task An_empty_note_is_refused()
    {
        var refused = await Assert.ThrowsAsync<UserInputException>(() => _notes.AddAsync(_conversationId, _ana.Id, "  ", CancellationToken.None));
        Assert.Equal("Write the note before adding it.", refused.Message);
    }
}
