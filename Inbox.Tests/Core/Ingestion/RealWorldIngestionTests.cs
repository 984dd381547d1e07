using Dapper;
using Inbox.Core.Comments;
using Inbox.Core.Conversations;
using Inbox.Core.Ingestion;
using Inbox.Core.Pages;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Ingestion;

/// <summary>Real-world shapes applied on a real SQLite file: nothing beside an odd event is lost, and odd events are kept.</summary>
public sealed class RealWorldIngestionTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;

    public async Task InitializeAsync() => _inbox = await IngestionHarness.CreateAsync();

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task The_good_events_of_a_delivery_are_applied_and_the_bad_ones_kept_with_their_reason()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("one-bad-event-among-good.json"));

        Assert.Equal(["First", "Last"], (await _inbox.AllMessagesAsync()).Select(m => m.Text).Order());
        Assert.Equal(1, await _inbox.Deliveries.CountAsync(DeliveryStatus.Done, CancellationToken.None));
        Assert.Equal(0, await _inbox.Deliveries.CountAsync(DeliveryStatus.Dead, CancellationToken.None));
        var kept = (await _inbox.Kept.ListAsync(10, CancellationToken.None)).OrderBy(k => k.Position).ToList();
        Assert.Equal([1, 2], kept.Select(k => k.Position));
        Assert.Contains("lacks message.mid", kept[0].Reason, StringComparison.Ordinal);
        Assert.All(kept, k => Assert.Equal(("7100000000000006", Fixture.DemoPageId), (k.Psid, k.PageId)));
    }

    [Fact]
    public async Task A_delivery_applied_again_keeps_its_odd_events_once()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("one-bad-event-among-good.json"));
        var delivery = await ScalarAsync("SELECT id FROM webhook_deliveries");

        // As after a crash between applying and the next start: the same delivery pending again.
        await _inbox.Deliveries.MarkAsync(delivery, DeliveryStatus.Pending, null, null, CancellationToken.None);
        await _inbox.DeliverAsync();

        Assert.Equal(2, await _inbox.Kept.CountAsync(CancellationToken.None));
        Assert.Equal(2, (await _inbox.AllMessagesAsync()).Count);
    }

    [Fact]
    public async Task An_event_that_fails_while_applied_is_kept_apart_in_words_and_applied_when_tried_again()
    {
        // A fault in applying one event, as a bug in Inbox would cause it.
        await ExecuteAsync(_inbox.Db.Provider == "postgres"
            ? """
              CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no poison here'; END $$;
              CREATE TRIGGER poison BEFORE INSERT ON messages FOR EACH ROW WHEN (NEW.text = 'poison') EXECUTE FUNCTION poison();
              """
            : "CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.text = 'poison' BEGIN SELECT RAISE(ABORT, 'no poison here'); END");
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var body = Fixture.Delivery(at, $$$"""
            {"sender":{"id":"7100000000000020"},"recipient":{"id":"{{{Fixture.DemoPageId}}}"},"timestamp":{{{at.ToUnixTimeMilliseconds()}}},"message":{"mid":"m_p1","text":"before"}},
            {"sender":{"id":"7100000000000020"},"recipient":{"id":"{{{Fixture.DemoPageId}}}"},"timestamp":{{{at.ToUnixTimeMilliseconds() + 1}}},"message":{"mid":"m_p2","text":"poison"}},
            {"sender":{"id":"7100000000000020"},"recipient":{"id":"{{{Fixture.DemoPageId}}}"},"timestamp":{{{at.ToUnixTimeMilliseconds() + 2}}},"message":{"mid":"m_p3","text":"after"}}
            """);

        await _inbox.DeliverAsync(body);

        Assert.Equal(["after", "before"], (await _inbox.AllMessagesAsync()).Select(m => m.Text).Order());
        var kept = Assert.Single(await _inbox.Kept.ListAsync(10, CancellationToken.None));
        Assert.Equal(1, kept.Position);
        Assert.Contains("a fault in Inbox", kept.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("no poison here", kept.Reason, StringComparison.Ordinal);
        Assert.Contains("\"m_p2\"", kept.Body, StringComparison.Ordinal);

        await ExecuteAsync(_inbox.Db.Provider == "postgres" ? "DROP TRIGGER poison ON messages" : "DROP TRIGGER poison");
        Assert.True(await _inbox.Kept.RetryAsync(kept.Id, CancellationToken.None));
        await _inbox.DeliverAsync();

        Assert.Equal(["after", "before", "poison"], (await _inbox.AllMessagesAsync()).Select(m => m.Text).Order());
        Assert.Equal(0, await _inbox.Kept.CountAsync(CancellationToken.None));
        Assert.False(await _inbox.Kept.RetryAsync(kept.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_read_receipt_that_comes_before_the_conversation_marks_the_later_echo_read()
    {
        var read = System.Text.Encoding.UTF8.GetBytes("""
            {"object":"page","entry":[{"id":"104857600000001","time":1795600090500,"messaging":[
            {"sender":{"id":"7100000000000001"},"recipient":{"id":"104857600000001"},"timestamp":1795600090000,"read":{"watermark":1795600060000}}]}]}
            """);
        await _inbox.DeliverAsync(read);
        Assert.Empty(await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None));

        await _inbox.DeliverAsync(Fixture.PageInboxEcho("7100000000000001", DateTimeOffset.FromUnixTimeMilliseconds(1795600050000), "m_echo_late"));

        var echo = Assert.Single(await _inbox.AllMessagesAsync());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000), echo.ReadAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000), echo.DeliveredAt);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM early_receipts"));
    }

    [Fact]
    public async Task A_reaction_that_comes_before_its_message_shows_on_it_when_it_comes()
    {
        var both = System.Text.Encoding.UTF8.GetString(Fixture.Bytes("reaction-react.json"));
        var split = both.IndexOf(",{\"sender\"", StringComparison.Ordinal);
        var message = both[..split] + "]}]}";
        var reaction = both[..(both.IndexOf("[{\"sender\"", StringComparison.Ordinal) + 1)] + both[(split + 1)..];

        await _inbox.DeliverAsync(System.Text.Encoding.UTF8.GetBytes(reaction));
        await _inbox.DeliverAsync(System.Text.Encoding.UTF8.GetBytes(message));

        var shown = Assert.Single(await _inbox.AllMessagesAsync());
        Assert.Equal(("Thanks, got it \u2764", "\u2764\ufe0f"), (shown.Text, shown.Reaction));
    }

    [Fact]
    public async Task A_receipt_without_timestamp_ticks_the_messages_it_covers()
    {
        await _inbox.DeliverAsync(Fixture.PageInboxEcho("7100000000000001", DateTimeOffset.FromUnixTimeMilliseconds(1795600050000), "m_echo_pageinbox"));

        await _inbox.DeliverAsync(Fixture.Bytes("receipt-without-timestamp.json"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000), Assert.Single(await _inbox.AllMessagesAsync()).DeliveredAt);
    }

    [Fact]
    public async Task A_policy_notice_is_shown_on_its_page()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("policy-enforcement.json"));

        var page = Assert.Single(await new PageStore(_inbox.Db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()).ListAsync(CancellationToken.None));
        Assert.Equal("block", page.PolicyAction);
        Assert.Contains("Messenger Platform policies", page.PolicyReason, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600100000), page.PolicyNoticeAt);
    }

    [Fact]
    public async Task A_product_is_stored_with_its_title_and_previewed_by_it()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("product-template.json"));

        var product = Assert.Single(Assert.Single(await _inbox.AllMessagesAsync()).Attachments);
        Assert.Equal(("Vanilla candle", "€24.00"), (product.Title, product.Subtitle));
        Assert.Equal("Vanilla candle", Assert.Single(await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None)).LastMessagePreview);
    }

    [Fact]
    public async Task A_legacy_comment_keeps_its_commenter_and_photo_and_a_removal_without_time_removes()
    {
        var comments = new CommentStore(_inbox.Db.Database);
        await _inbox.DeliverAsync(Fixture.Feed("comment-photo-legacy-sender.json"), Fixture.Feed("comment-add.json"), Fixture.Feed("comment-remove-without-time.json"));

        var photo = (await comments.GetAsync("1300000000000010_2400000000000009", CancellationToken.None))!;
        Assert.Equal(("5500000000000009", "Marc Petit"), (photo.FromId, photo.FromName));
        Assert.Equal("https://scontent.example/v/candle-cracked.jpg?oh=1", Assert.Single(photo.Attachments).Url);
        Assert.NotNull((await comments.GetAsync("1300000000000010_2400000000000001", CancellationToken.None))!.DeletedAt);
    }

    [Fact]
    public async Task Page_fields_and_guests_without_a_person_are_applied_not_dead_lettered()
    {
        await _inbox.DeliverAsync(Fixture.Feed("page-fields-without-value.json"), Fixture.Bytes("chat-plugin-guest.json"), Fixture.Bytes("edit-count-as-text.json"), Fixture.Bytes("fallback-opaque-payload.json"));

        Assert.Equal(4, await _inbox.Deliveries.CountAsync(DeliveryStatus.Done, CancellationToken.None));
        Assert.Equal(0, await _inbox.Kept.CountAsync(CancellationToken.None));
        Assert.Contains(await _inbox.AllMessagesAsync(), m => m.Text == "And me, from Messenger");
        Assert.Contains(await _inbox.AllMessagesAsync(), m => m.Attachments is [{ Title: "Candle care guide", Url: "https://shop.example/care" }]);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }
}
