using System.Text;
using Dapper;
using Inbox.Core;
using Inbox.Core.Contacts;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Contacts;

public sealed class ContactDetailsTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;
    private ContactDetails _details = default!;
    private long _conversationId;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _details = new ContactDetails(_inbox.Db.Database);
        await _inbox.DeliverAsync(Fixture.Bytes("text-message.json"));
        _conversationId = (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single().Id;
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task A_private_note_and_named_details_are_kept_for_the_person()
    {
        await _details.SetNoteAsync(_conversationId, "  Prefers English; bought the 600 g vanilla twice.  ", CancellationToken.None);
        await _details.SetAttributeAsync(_conversationId, "Order", "ML-1042", CancellationToken.None);
        await _details.SetAttributeAsync(_conversationId, "Order", "ML-1043", CancellationToken.None);
        await _details.SetAttributeAsync(_conversationId, "Loyalty card", "4412", CancellationToken.None);
        await _details.RemoveAttributeAsync(_conversationId, "Loyalty card", CancellationToken.None);

        var (note, attributes, comments) = await _details.ForConversationAsync(_conversationId, CancellationToken.None);

        Assert.Equal("Prefers English; bought the 600 g vanilla twice.", note);
        Assert.Equal([new ContactAttribute("Order", "ML-1043")], attributes);
        Assert.Empty(comments);
        await Assert.ThrowsAsync<UserInputException>(() => _details.SetAttributeAsync(_conversationId, "", "x", CancellationToken.None));
    }

    [Fact]
    public async Task A_private_reply_links_the_persons_comments_to_their_conversation()
    {
        await _inbox.DeliverAsync(Fixture.Feed("comment-add.json"));
        var other = Encoding.UTF8.GetString(Fixture.Feed("comment-add.json"))
            .Replace("2400000000000001", "2400000000000077", StringComparison.Ordinal)
            .Replace("Price? Do you ship to Lyon?", "Back in stock yet?", StringComparison.Ordinal);
        await _inbox.DeliverAsync(Encoding.UTF8.GetBytes(other));
        await using (var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""
                INSERT INTO messages (conversation_id, mid, direction, text, sent_at, status, comment_id)
                VALUES (@Id, 'm_private', 'out', 'Hi! 24 euros.', 1795601000000, 'sent', '1300000000000010_2400000000000001')
                """, new { Id = _conversationId });
        }

        var (_, _, comments) = await _details.ForConversationAsync(_conversationId, CancellationToken.None);

        Assert.Equal(["Back in stock yet?", "Price? Do you ship to Lyon?"], comments.Select(c => c.Message).Order());
    }
}
