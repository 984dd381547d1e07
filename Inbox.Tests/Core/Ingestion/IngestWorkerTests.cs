using System.Text;
using Inbox.Core.Conversations;
using Inbox.Core.Ingestion;
using Inbox.Core.Live;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Ingestion;

public sealed class IngestWorkerTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;

    public async Task InitializeAsync() => _inbox = await IngestionHarness.CreateAsync();

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task A_message_creates_its_contact_conversation_and_message_at_metas_time()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("text-message.json"));

        var conversation = Assert.Single(await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None));
        Assert.Equal("7100000000000001", conversation.Psid);
        Assert.Equal("Hello, do you ship to Lyon?", conversation.LastMessagePreview);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600000000), conversation.LastMessageAt);
        Assert.Equal(conversation.LastMessageAt, conversation.WaitingSince);
        Assert.Equal(1, conversation.UnreadCount);
        var message = Assert.Single(await _inbox.Conversations.MessagesAsync(conversation.Id, CancellationToken.None));
        Assert.Equal(MessageStatus.Received, message.Status);
        Assert.Equal([new InboxChange(conversation.Id, InboxChangeKind.MessageAdded, message.Id)], _inbox.Published);
        Assert.Equal(0, await _inbox.Deliveries.CountAsync(DeliveryStatus.Pending, CancellationToken.None));
        Assert.Equal(1, await _inbox.Deliveries.CountAsync(DeliveryStatus.Done, CancellationToken.None));
    }

    [Fact]
    public async Task Every_event_of_a_batched_delivery_is_applied_one_conversation_per_person()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));

        var conversations = await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None);
        Assert.Equal(["7100000000000005", "7100000000000004", "7100000000000003"], conversations.Select(c => c.Psid));
        Assert.Equal(2, conversations.Single(c => c.Psid == "7100000000000003").UnreadCount);
        Assert.Equal("LANG_FR", (await _inbox.AllMessagesAsync()).Single(m => m.Mid == "m_batch_3").QuickReplyPayload);
        // Four messages and a Get Started button press.
        Assert.Equal(5, (await _inbox.AllMessagesAsync()).Count);
    }

    [Fact]
    public async Task Attachments_are_stored_and_previewed()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("attachments-every-type.json"));

        var messages = await _inbox.AllMessagesAsync();
        Assert.Equal(6, messages.Count);
        Assert.Equal("https://video.example/clip.mp4", messages.Single(m => m.Mid == "m_att_video").Attachments.Single().Url);
        Assert.Equal(369239263222822, messages.Single(m => m.Mid == "m_att_sticker").Attachments.Single().StickerId);
        Assert.Equal("look https://shop.example/candle", (await _inbox.Conversations.ListAsync(0, 1, CancellationToken.None)).Single().LastMessagePreview);
    }

    [Fact]
    public async Task The_same_delivery_twice_changes_nothing_the_second_time()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));
        _inbox.Published.Clear();

        await _inbox.DeliverAsync(Fixture.Bytes("batched-entries.json"));

        // Four messages and a Get Started button press.
        Assert.Equal(5, (await _inbox.AllMessagesAsync()).Count);
        Assert.Equal(3, (await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None)).Count);
        Assert.Equal(2, (await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None)).Single(c => c.Psid == "7100000000000003").UnreadCount);
        Assert.Empty(_inbox.Published);
    }

    [Fact]
    public async Task The_same_mid_in_two_different_deliveries_is_stored_once()
    {
        var first = Fixture.Bytes("text-message.json");
        var retried = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(first).Replace("\"time\":1795600000123", "\"time\":1795600099999", StringComparison.Ordinal));

        await _inbox.DeliverAsync(first, retried);

        Assert.Single(await _inbox.AllMessagesAsync());
        Assert.Equal(2, await _inbox.Deliveries.CountAsync(DeliveryStatus.Done, CancellationToken.None));
    }

    [Fact]
    public async Task An_older_message_arriving_late_does_not_replace_the_latest_preview()
    {
        var newer = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture.Bytes("text-message.json"))
            .Replace("m_text_0001", "m_text_0002", StringComparison.Ordinal)
            .Replace("\"timestamp\":1795600000000", "\"timestamp\":1795600005000", StringComparison.Ordinal)
            .Replace("Hello, do you ship to Lyon?", "Also, gift wrapping?", StringComparison.Ordinal));

        await _inbox.DeliverAsync(newer);
        await _inbox.DeliverAsync(Fixture.Bytes("text-message.json"));

        var conversation = Assert.Single(await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None));
        Assert.Equal("Also, gift wrapping?", conversation.LastMessagePreview);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600000000), conversation.WaitingSince);
        Assert.Equal(["m_text_0001", "m_text_0002"], (await _inbox.AllMessagesAsync()).Select(m => m.Mid));
    }

    [Fact]
    public async Task A_reply_from_metas_page_inbox_answers_the_customer_and_gets_delivery_and_read_ticks()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("text-message.json"));
        await _inbox.DeliverAsync(Fixture.Bytes("echo-from-page-inbox.json"));
        await _inbox.DeliverAsync(Fixture.Bytes("delivery-and-read.json"));

        var conversation = Assert.Single(await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None));
        Assert.Null(conversation.WaitingSince);
        Assert.Equal(MessageDirection.Out, conversation.LastMessageDirection);
        var reply = (await _inbox.AllMessagesAsync()).Single(m => m.Mid == "m_echo_pageinbox");
        Assert.Equal("263902037430900", reply.SourceAppId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000), reply.DeliveredAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000), reply.ReadAt);
    }

    [Theory]
    [InlineData("{ this is not json", "The body is not complete JSON")]
    [InlineData("{\"object\":\"page\",\"entry\":[]}", "no entry")]
    public async Task An_unparseable_delivery_is_dead_lettered_with_the_reason_and_the_next_one_still_applies(string body, string reason)
    {
        await _inbox.DeliverAsync(Encoding.UTF8.GetBytes(body), Fixture.Bytes("text-message.json"));

        var dead = Assert.Single(await _inbox.Deliveries.ProblemsAsync(10, CancellationToken.None));
        Assert.Equal(DeliveryStatus.Dead, dead.Status);
        Assert.Contains(reason, dead.Error, StringComparison.Ordinal);
        Assert.Equal(body, Encoding.UTF8.GetString(dead.Body));
        Assert.Single(await _inbox.AllMessagesAsync());
    }

    [Fact]
    public async Task A_delivery_for_a_page_not_connected_is_kept_and_applied_once_the_page_is_connected()
    {
        await _inbox.DeliverAsync(Fixture.Bytes("unknown-page.json"));

        var held = Assert.Single(await _inbox.Deliveries.ProblemsAsync(10, CancellationToken.None));
        Assert.Equal(DeliveryStatus.Unconnected, held.Status);
        Assert.Equal("999999999999999", held.PageIds);
        Assert.Empty(await _inbox.AllMessagesAsync());

        await new Inbox.Core.Pages.PageStore(_inbox.Db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()).AddIfMissingAsync("999999999999999", "Other", "UTC", CancellationToken.None);
        await _inbox.Deliveries.RetryUnconnectedAsync(CancellationToken.None);
        await _inbox.DeliverAsync();

        Assert.Equal("m_unknown_page", Assert.Single(await _inbox.AllMessagesAsync()).Mid);
    }

    [Fact]
    public async Task A_dead_letter_can_be_retried()
    {
        await _inbox.DeliverAsync(Encoding.UTF8.GetBytes("{ broken"));
        var dead = Assert.Single(await _inbox.Deliveries.ProblemsAsync(10, CancellationToken.None));

        Assert.True(await _inbox.Deliveries.RetryAsync(dead.Id, CancellationToken.None));
        Assert.Equal(1, await _inbox.Deliveries.CountAsync(DeliveryStatus.Pending, CancellationToken.None));
        Assert.False(await _inbox.Deliveries.RetryAsync(dead.Id, CancellationToken.None));
    }
}
