using Inbox.Core.Meta;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Meta;

/// <summary>Shapes real Pages send that Meta's reference does not show, each in a fixture written for this project.</summary>
public sealed class RealWorldPayloadTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<PlatformEvent> Events(byte[] body) => MetaPayloadParser.Parse(body, s_receivedAt).Events;

    [Fact]
    public void One_bad_event_costs_only_itself()
    {
        var events = Events(Fixture.Bytes("one-bad-event-among-good.json"));

        Assert.Equal(["m_good_before", "m_good_after"], events.OfType<CustomerMessage>().Select(m => m.Mid));
        var kept = events.OfType<UnreadableEvent>().ToList();
        Assert.Equal(2, kept.Count);
        Assert.All(kept, k => Assert.Equal("7100000000000006", k.Psid));
        Assert.Contains("lacks message.mid", kept[0].Reason, StringComparison.Ordinal);
        Assert.Contains("$.timestamp", kept[1].Reason, StringComparison.Ordinal);
        Assert.Contains("A timestamp that is an object", kept[1].Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receipt_without_timestamp_takes_the_entrys_time()
    {
        var delivered = Assert.IsType<MessagesDelivered>(Assert.Single(Events(Fixture.Bytes("receipt-without-timestamp.json"))));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600095000), delivered.Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000), delivered.Watermark);
    }

    [Fact]
    public void Without_any_time_the_arrival_stands_in()
    {
        var body = """{"object":"page","entry":[{"id":"104857600000001","messaging":[{"sender":{"id":"7"},"recipient":{"id":"104857600000001"},"read":{"watermark":1795600060000}}]}]}"""u8.ToArray();

        Assert.Equal(s_receivedAt, Assert.IsType<MessagesRead>(Assert.Single(Events(body))).Timestamp);
    }

    [Fact]
    public void A_policy_notice_has_no_sender_and_is_about_the_page()
    {
        var notice = Assert.IsType<PolicyNoticeReceived>(Assert.Single(Events(Fixture.Bytes("policy-enforcement.json"))));

        Assert.Equal(("block", Fixture.DemoPageId), (notice.Action, notice.PageId));
        Assert.Contains("Messenger Platform policies", notice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chat_plugin_guest_known_by_user_ref_does_not_spoil_the_next_event()
    {
        var events = Events(Fixture.Bytes("chat-plugin-guest.json"));

        Assert.Contains("user_ref", Assert.IsType<UnsupportedEvent>(events[0]).Kind, StringComparison.Ordinal);
        Assert.Equal("m_beside_guest", Assert.IsType<CustomerMessage>(events[1]).Mid);
    }

    [Fact]
    public void An_edit_count_sent_as_text_is_read_as_a_number()
    {
        var edit = Assert.IsType<MessageEdited>(Assert.Single(Events(Fixture.Bytes("edit-count-as-text.json"))));

        Assert.Equal(2, edit.EditNumber);
    }

    [Fact]
    public void A_fallback_with_an_opaque_payload_keeps_its_title_and_link()
    {
        var message = Assert.IsType<CustomerMessage>(Assert.Single(Events(Fixture.Bytes("fallback-opaque-payload.json"))));

        var link = Assert.Single(message.Attachments);
        Assert.Equal(("fallback", "Candle care guide", "https://shop.example/care"), (link.Type, link.Title, link.Url));
        Assert.Equal("OPAQUE_BLOB", link.Raw!.Value.GetProperty("payload").GetString());
    }

    [Fact]
    public void A_product_is_read_with_its_title_price_and_picture()
    {
        var message = Assert.IsType<CustomerMessage>(Assert.Single(Events(Fixture.Bytes("product-template.json"))));

        var product = Assert.Single(message.Attachments);
        Assert.Equal(("product", "Vanilla candle", "€24.00", "https://shop.example/img/vanilla.jpg"), (product.Type, product.Title, product.Subtitle, product.ImageUrl));
        Assert.Equal("CANDLE-VAN-01", product.Raw!.Value.GetProperty("retailer_id").GetString());
    }

    [Fact]
    public void A_template_card_keeps_its_link()
    {
        var card = Assert.Single(Assert.IsType<CustomerMessage>(Assert.Single(Events(Fixture.Bytes("generic-template-share.json")))).Attachments);

        Assert.Equal(("template", "Autumn collection", "https://shop.example/autumn"), (card.Type, card.Title, card.Url));
    }

    [Fact]
    public void A_comment_removal_without_created_time_takes_the_entrys_time()
    {
        var removal = Assert.IsType<CommentChanged>(Assert.Single(Events(Fixture.Feed("comment-remove-without-time.json"))));

        Assert.Equal((CommentVerb.Removed, DateTimeOffset.FromUnixTimeSeconds(1795601400)), (removal.Verb, removal.Timestamp));
    }

    [Fact]
    public void A_legacy_comment_keeps_its_commenter_and_photo()
    {
        var comment = Assert.IsType<CommentChanged>(Assert.Single(Events(Fixture.Feed("comment-photo-legacy-sender.json"))));

        Assert.Equal(("5500000000000009", "Marc Petit"), (comment.FromId, comment.FromName));
        var photo = Assert.Single(comment.Attachments);
        Assert.Equal(("image", "https://scontent.example/v/candle-cracked.jpg?oh=1"), (photo.Type, photo.Url));
    }

    [Fact]
    public void A_comment_video_is_kept()
    {
        var comment = Assert.IsType<CommentChanged>(Assert.Single(Events(Fixture.Feed("comment-video.json"))));

        Assert.Equal("video", Assert.Single(comment.Attachments).Type);
    }

    [Fact]
    public void Page_fields_without_a_value_are_named_not_refused()
    {
        var events = Events(Fixture.Feed("page-fields-without-value.json"));

        Assert.Equal(["parking:(no value)", "payment_options:(no value)"], events.Cast<UnsupportedEvent>().Select(e => e.Kind));
    }
}
