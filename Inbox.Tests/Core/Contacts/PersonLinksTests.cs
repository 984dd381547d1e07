using Inbox.Core;
using Inbox.Core.Contacts;
using Inbox.Core.Pages;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Contacts;

public sealed class PersonLinksTests : IAsyncLifetime
{
    private const string ShopPageId = "200000000000002";
    private const string OutletPageId = "200000000000003";
    private static readonly DateTimeOffset s_at = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private IngestionHarness _inbox = default!;
    private PersonLinks _links = default!;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _links = new PersonLinks(_inbox.Db.Database);
        var pages = new PageStore(_inbox.Db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        await pages.AddIfMissingAsync(ShopPageId, "Maison Lumière Shop", "Europe/Paris", CancellationToken.None);
        await pages.AddIfMissingAsync(OutletPageId, "Maison Lumière Outlet", "Europe/Paris", CancellationToken.None);
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task Linked_conversations_on_other_pages_show_in_each_other_and_a_third_joins_the_group()
    {
        var demo = await ConversationAsync("psid-lea-1", "Léa on the demo Page", Fixture.DemoPageId);
        var shop = await ConversationAsync("psid-lea-2", "Léa on the shop", ShopPageId);
        var outlet = await ConversationAsync("psid-lea-3", "Léa at the outlet", OutletPageId);

        await _links.LinkAsync(demo, shop, CancellationToken.None);
        await _links.LinkAsync(outlet, shop, CancellationToken.None);

        Assert.Equal([shop, outlet], (await _links.OthersAsync(demo, CancellationToken.None)).Select(c => c.ConversationId).Order());
        var fromOutlet = await _links.OthersAsync(outlet, CancellationToken.None);
        Assert.Equal([demo, shop], fromOutlet.Select(c => c.ConversationId).Order());
        Assert.Contains(fromOutlet, c => c.PageName == "Maison Lumière Shop" && c.LastMessagePreview == "Léa on the shop");
    }

    [Fact]
    public async Task Unlinking_the_first_person_of_a_group_keeps_the_others_together()
    {
        var demo = await ConversationAsync("psid-tom-1", "Tom here", Fixture.DemoPageId);
        var shop = await ConversationAsync("psid-tom-2", "Tom again", ShopPageId);
        var outlet = await ConversationAsync("psid-tom-3", "Still Tom", OutletPageId);
        await _links.LinkAsync(demo, shop, CancellationToken.None);
        await _links.LinkAsync(demo, outlet, CancellationToken.None);

        await _links.UnlinkAsync(demo, CancellationToken.None);

        Assert.Empty(await _links.OthersAsync(demo, CancellationToken.None));
        Assert.Equal([outlet], (await _links.OthersAsync(shop, CancellationToken.None)).Select(c => c.ConversationId));
        await _links.UnlinkAsync(demo, CancellationToken.None);
    }

    [Fact]
    public async Task Two_people_on_the_same_page_cannot_be_one_person()
    {
        var first = await ConversationAsync("psid-a", "Hello", Fixture.DemoPageId);
        var second = await ConversationAsync("psid-b", "Hi", Fixture.DemoPageId);

        var refusal = await Assert.ThrowsAsync<UserInputException>(() => _links.LinkAsync(first, second, CancellationToken.None));

        Assert.Contains("same Page", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await _links.OthersAsync(first, CancellationToken.None));
    }

    [Fact]
    public async Task Candidates_are_people_on_other_pages_whose_name_has_the_words_typed()
    {
        var demo = await ConversationAsync("psid-amelie-1", "Salut", Fixture.DemoPageId);
        var shop = await ConversationAsync("psid-amelie-2", "Salut encore", ShopPageId);
        await ConversationAsync("psid-other", "Hello", ShopPageId);
        await NameAsync("psid-amelie-1", "Amélie Durand");
        await NameAsync("psid-amelie-2", "Amélie Durand");
        await NameAsync("psid-other", "Tom (Becker) \"OR\" *");

        // Accents and case ignored, the last word as a prefix.
        Assert.Equal([shop], (await _links.CandidatesAsync(demo, "amelie DUR", CancellationToken.None)).Select(c => c.ConversationId));
        // What a person types is text, never search syntax.
        Assert.Single(await _links.CandidatesAsync(demo, "becker\" OR", CancellationToken.None));
        Assert.Empty(await _links.CandidatesAsync(demo, "d", CancellationToken.None));
        Assert.Empty(await _links.CandidatesAsync(demo, "   ", CancellationToken.None));
        // Nobody on the conversation's own Page.
        Assert.Empty(await _links.CandidatesAsync(shop, "becker", CancellationToken.None));

        await _links.LinkAsync(demo, shop, CancellationToken.None);

        Assert.Empty(await _links.CandidatesAsync(demo, "amelie", CancellationToken.None));
    }

    [Fact]
    public async Task The_comments_tied_to_one_of_the_persons_conversations_show_in_all_of_them()
    {
        var demo = await ConversationAsync("psid-amelie-1", "Bonjour", Fixture.DemoPageId);
        var shop = await ConversationAsync("psid-amelie-2", "Merci !", ShopPageId);
        await _inbox.DeliverAsync(Fixture.Feed("comment-add.json"));
        await using (var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None))
        {
            // The Page's private reply to the comment went into the shop conversation.
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                INSERT INTO messages (conversation_id, mid, direction, text, sent_at, status, comment_id)
                VALUES (@Id, 'm_private', 'out', 'Hi! 24 euros.', 1795601000000, 'sent', '1300000000000010_2400000000000001')
                """, new { Id = shop });
        }
        var details = new ContactDetails(_inbox.Db.Database);
        Assert.Empty((await details.ForConversationAsync(demo, CancellationToken.None)).Comments);

        await _links.LinkAsync(demo, shop, CancellationToken.None);

        Assert.Equal(["Price? Do you ship to Lyon?"], (await details.ForConversationAsync(demo, CancellationToken.None)).Comments.Select(c => c.Message));
    }

    private async Task<long> ConversationAsync(string psid, string text, string pageId)
    {
        await _inbox.DeliverAsync(Fixture.CustomerText(psid, s_at, $"m-{psid}", text, pageId));
        var all = await _inbox.Conversations.ListAsync(0, 100, CancellationToken.None);
        return all.Single(c => c.LastMessagePreview == text).Id;
    }

    private async Task NameAsync(string psid, string name)
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE contacts SET name = @Name WHERE psid = @Psid", new { Name = name, Psid = psid });
    }
}
