using Dapper;
using Inbox.Core.Conversations;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Ingestion;

/// <summary>Every Messenger event kind from recorded payloads, applied on a real SQLite file, in and out of order.</summary>
public sealed class MessengerEventTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;

    public async Task InitializeAsync() => _inbox = await IngestionHarness.CreateAsync();

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Theory]
    [InlineData("image", "Photo")]
    [InlineData("audio", "Voice message")]
    [InlineData("video", "Video")]
    [InlineData("file", "File")]
    [InlineData("sticker", "Sticker")]
    [InlineData("reel", "Reel")]
    [InlineData("ig_reel", "Reel")]
    [InlineData("post", "New winter collection")]
    [InlineData("ig_post", "Our workshop")]
    [InlineData("fallback", "Vanilla candle")]
    [InlineData("template", "Vanilla candle")]
    [InlineData("location", "Location")]
    public async Task Every_attachment_type_is_stored_with_its_type_and_previewed(string type, string preview)
    {
        await _inbox.DeliverAsync(Fixture.Bytes($"attachment-{type.Replace('_', '-')}.json"));

        var message = Assert.Single(await _inbox.AllMessagesAsync());
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal(type, attachment.Type);
        Assert.Equal(preview, (await SingleConversationAsync()).LastMessagePreview);
        if (type == "location")
        {
            Assert.StartsWith("https://www.openstreetmap.org/?mlat=45.764&mlon=4.8357", attachment.Url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_reply_to_a_message_quotes_it()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("reply-to.json"));

        var messages = await _inbox.AllMessagesAsync();
        var quoted = messages.Single(m => m.Mid == "m_quote_page");
        var reply = messages.Single(m => m.Mid == "m_quote_customer");
        Assert.Equal("m_quote_page", reply.ReplyToMid);
        Assert.Equal(quoted.Id, reply.QuotedMessageId);
        Assert.Equal("We have three sizes: 180 g, 320 g and 600 g.", reply.QuotedText);
    }

    [Fact]
    public async Task A_postback_is_the_button_the_customer_pressed_and_opens_the_window()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("postback.json"));
        await _inbox.DeliverAsync(Fixture.Bytes("postback.json"));

        var messages = await _inbox.AllMessagesAsync();
        Assert.Equal([("Get Started", "GET_STARTED"), ("Opening hours", "MENU_HOURS")], messages.Select(m => (m.Text!, m.PostbackPayload!)));
        Assert.Equal("postback:7100000000000012:1795600460000", messages[1].Mid);
        var conversation = await SingleConversationAsync();
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600460000), conversation.LastCustomerMessageAt);
        Assert.Equal(ConversationOrigin.Shortlink, conversation.Origin);
        Assert.Equal("winter-sale", Assert.Single(await _inbox.Conversations.ReferralsAsync(conversation.Id, CancellationToken.None)).Ref);
    }

    [Fact]
    public async Task A_reaction_shows_on_its_message_and_an_unreact_removes_it()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("reaction-react.json"));
        Assert.Equal("\u2764\ufe0f", (await _inbox.AllMessagesAsync()).Single().Reaction);

        await _inbox.DeliverAsync(Fixture.Bytes("reaction-unreact.json"));
        Assert.Null((await _inbox.AllMessagesAsync()).Single().Reaction);
    }

    [Fact]
    public async Task A_reaction_that_arrives_after_its_unreact_does_not_come_back()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("reaction-unreact.json"));
        await _inbox.DeliverAsync(Fixture.Bytes("reaction-react.json"));

        Assert.Null((await _inbox.AllMessagesAsync()).Single().Reaction);
    }

    [Fact]
    public async Task An_edit_shows_the_new_text_marked_edited_and_keeps_the_history()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("message-edit.json"));

        var message = (await _inbox.AllMessagesAsync()).Single();
        Assert.True(message.IsEdited);
        Assert.Equal("Do you deliver to Lyon on Saturday morning?", message.CurrentText);
        Assert.Equal("Do you deliver to Lyon on Satruday?", message.Text);
        var history = await _inbox.Conversations.EditHistoryAsync(message.Id, CancellationToken.None);
        Assert.Equal([0L, 1L, 2L], history.Select(v => v.Number));
        Assert.Equal("Do you deliver to Lyon on Saturday morning?", (await SingleConversationAsync()).LastMessagePreview);
    }

    [Fact]
    public async Task Edits_arriving_before_their_message_and_in_reverse_still_end_on_the_newest_text()
    {
        var json = System.Text.Encoding.UTF8.GetString(Fixture.Bytes("message-edit.json"));
        var events = System.Text.Json.Nodes.JsonNode.Parse(json)!["entry"]![0]!["messaging"]!.AsArray();
        foreach (var index in new[] { 2, 1, 0 })
        {
            await _inbox.DeliverAsync(Single(events[index]!));
        }

        var message = (await _inbox.AllMessagesAsync()).Single();
        Assert.Equal("Do you deliver to Lyon on Saturday morning?", message.CurrentText);
    }

    [Fact]
    public async Task An_optin_is_a_line_in_the_conversation()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("optin.json"));

        var conversation = await SingleConversationAsync();
        var optin = Assert.Single(await _inbox.Conversations.EventsAsync(conversation.Id, CancellationToken.None));
        Assert.Equal((ConversationEventKinds.Optin, "Restock alerts"), (optin.Kind, optin.Detail));
    }

    [Fact]
    public async Task A_conversation_from_an_ad_keeps_the_ad_and_every_later_referral()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("referral-ad.json"));
        var conversation = await SingleConversationAsync();
        Assert.Equal(ConversationOrigin.Ads, conversation.Origin);
        var ad = Assert.Single(await _inbox.Conversations.ReferralsAsync(conversation.Id, CancellationToken.None));
        Assert.Equal(("Winter candles -20%", "https://scontent.example/ad-winter.jpg", "6100000000000001"), (ad.AdTitle, ad.PhotoUrl, ad.AdId));

        await _inbox.DeliverAsync(Fixture.Bytes("referral-shortlink.json"));
        await _inbox.DeliverAsync(Fixture.Bytes("referral-ad.json"));

        conversation = await SingleConversationAsync();
        Assert.Equal(ConversationOrigin.Shortlink, conversation.Origin);
        Assert.Equal(["ADS", "SHORTLINK"], (await _inbox.Conversations.ReferralsAsync(conversation.Id, CancellationToken.None)).Select(r => r.Source));
        Assert.Equal("Is this still available?", conversation.LastMessagePreview);
    }

    [Fact]
    public async Task A_late_older_referral_joins_the_list_without_changing_the_origin()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("referral-shortlink.json"));
        await _inbox.DeliverAsync(Fixture.Bytes("referral-ad.json"));

        Assert.Equal(ConversationOrigin.Shortlink, (await SingleConversationAsync()).Origin);
    }

    [Fact]
    public async Task The_inbox_filters_by_origin()
    {
        await _inbox.DeliverAsync(
            Fixture.Bytes("referral-ad.json"), Fixture.Bytes("referral-messenger-code.json"), Fixture.Bytes("referral-chat-plugin.json"), Fixture.Bytes("text-message.json"));

        async Task<string[]> PsidsAsync(string? origin) =>
            [.. (await _inbox.Conversations.ListAsync(new ConversationFilter(origin), 0, 10, CancellationToken.None)).Select(c => c.Psid)];
        Assert.Equal(["7100000000000016"], await PsidsAsync(ConversationOrigin.Ads));
        Assert.Equal(["7100000000000017"], await PsidsAsync(ConversationOrigin.MessengerCode));
        Assert.Equal(["7100000000000018"], await PsidsAsync(ConversationOrigin.ChatPlugin));
        Assert.Equal(["7100000000000001"], await PsidsAsync(ConversationOrigin.None));
        Assert.Equal(4, await _inbox.Conversations.CountAsync(ConversationFilter.All, CancellationToken.None));
        Assert.Equal(1, await _inbox.Conversations.CountAsync(new ConversationFilter(ConversationOrigin.ChatPlugin), CancellationToken.None));
        var plugin = (await _inbox.Conversations.ListAsync(new ConversationFilter(ConversationOrigin.ChatPlugin), 0, 1, CancellationToken.None)).Single();
        Assert.Equal("Came from the website chat plugin", plugin.LastMessagePreview);
        Assert.Equal("https://shop.example/candles/vanilla", (await _inbox.Conversations.ReferralsAsync(plugin.Id, CancellationToken.None)).Single().RefererUri);
    }

    [Fact]
    public async Task Thread_control_follows_the_latest_pass_or_take_whatever_order_they_arrive_in()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("handover-pass.json"));
        Assert.Equal(ThreadOwner.PageInboxAppId, (await SingleConversationAsync()).ThreadOwnerAppId);

        await _inbox.DeliverAsync(Fixture.Bytes("handover-take.json"), Fixture.Bytes("handover-request.json"), Fixture.Bytes("handover-pass.json"));

        var conversation = await SingleConversationAsync();
        Assert.Equal("1000000000000001", conversation.ThreadOwnerAppId);
        Assert.True(ThreadOwner.IsOurs(conversation.ThreadOwnerAppId, "1000000000000001"));
        Assert.Equal(
            [ConversationEventKinds.ThreadPassed, ConversationEventKinds.ThreadRequested, ConversationEventKinds.ThreadTaken],
            (await _inbox.Conversations.EventsAsync(conversation.Id, CancellationToken.None)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Messages_under_standby_are_applied_and_app_roles_name_the_primary_receiver()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("standby.json"), Fixture.Bytes("app-roles.json"));

        Assert.Equal("Hello? Anyone from the shop?", (await _inbox.AllMessagesAsync()).Single().Text);
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal("1000000000000001", await connection.ExecuteScalarAsync<string>("SELECT primary_receiver_app_id FROM pages"));
    }

    [Fact]
    public async Task An_unknown_event_is_kept_in_its_delivery_and_the_rest_of_the_delivery_applies()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("unknown-event.json"));

        Assert.Equal("Still there after a game event", (await _inbox.AllMessagesAsync()).Single().Text);
        Assert.Equal(1, await _inbox.Deliveries.CountAsync(Inbox.Core.Ingestion.DeliveryStatus.Done, CancellationToken.None));
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        var body = await connection.ExecuteScalarAsync<byte[]>("SELECT body FROM webhook_deliveries");
        Assert.Contains("game_play", System.Text.Encoding.UTF8.GetString(body!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_mixing_every_kind_applies_each_event()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("mixed-batch.json"));

        var conversation = await SingleConversationAsync();
        var messages = await _inbox.Conversations.MessagesAsync(conversation.Id, CancellationToken.None);
        Assert.Equal(["m_mixed_1", "m_mixed_2", "m_mixed_echo", "m_mixed_pb"], messages.Select(m => m.Mid));
        var echo = messages.Single(m => m.Mid == "m_mixed_echo");
        Assert.NotNull(echo.ReadAt);
        Assert.Equal("\ud83d\udc4d", echo.Reaction);
        Assert.Equal(ConversationOrigin.Ads, conversation.Origin);
        Assert.Equal("Talk to a person", conversation.LastMessagePreview);
    }

    [Fact]
    public async Task A_page_message_that_arrives_after_its_read_receipt_still_shows_as_seen()
    {
        var json = System.Text.Encoding.UTF8.GetString(Fixture.Bytes("mixed-batch.json"));
        var entries = System.Text.Json.Nodes.JsonNode.Parse(json)!["entry"]!.AsArray();
        var first = entries[0]!["messaging"]!.AsArray();
        var second = entries[1]!["messaging"]!.AsArray();
        // The customer's message, then the read receipt, and only then the Page's message it covers.
        await _inbox.DeliverAsync(Single(first[0]!));
        await _inbox.DeliverAsync(Single(second[0]!));
        await _inbox.DeliverAsync(Single(first[2]!));

        var echo = (await _inbox.AllMessagesAsync()).Single(m => m.Mid == "m_mixed_echo");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795601720000), echo.ReadAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795601720000), echo.DeliveredAt);
    }

    private async Task<ConversationSummary> SingleConversationAsync() =>
        Assert.Single(await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None));

    // One messaging event as a delivery of its own, as Meta sends it after a retry.
    private static byte[] Single(System.Text.Json.Nodes.JsonNode messaging) => System.Text.Encoding.UTF8.GetBytes(
        $$"""{"object":"page","entry":[{"id":"{{Fixture.DemoPageId}}","time":{{messaging["timestamp"]}},"messaging":[{{messaging.ToJsonString()}}]}]}""");
}
