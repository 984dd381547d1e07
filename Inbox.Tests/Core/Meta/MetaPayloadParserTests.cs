using Inbox.Core.Meta;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Meta;

public sealed class MetaPayloadParserTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static MetaPayloadParser.ParsedDelivery Parse(byte[] body) => MetaPayloadParser.Parse(body, s_receivedAt);

    [Fact]
    public void A_text_message_keeps_metas_millisecond_timestamp()
    {
        var parsed = Parse(Fixture.Bytes("text-message.json"));

        var message = Assert.IsType<CustomerMessage>(Assert.Single(parsed.Events));
        Assert.Equal([Fixture.DemoPageId], parsed.PageIds);
        Assert.Equal("7100000000000001", message.Psid);
        Assert.Equal("m_text_0001", message.Mid);
        Assert.Equal("Hello, do you ship to Lyon?", message.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600000000), message.Timestamp);
    }

    [Fact]
    public void Every_attachment_type_is_read_with_its_url()
    {
        var messages = Parse(Fixture.Bytes("attachments-every-type.json")).Events.Cast<CustomerMessage>().ToList();

        Assert.Equal(6, messages.Count);
        Assert.Equal(["image", "video", "audio", "file", "image", "fallback"], messages.Select(m => m.Attachments.Single().Type));
        Assert.All(messages, m => Assert.StartsWith("https://", m.Attachments.Single().Url, StringComparison.Ordinal));
        Assert.Equal(369239263222822, messages[4].Attachments.Single().StickerId);
        Assert.Equal("Vanilla candle", messages[5].Attachments.Single().Title);
    }

    [Fact]
    public void Batched_entries_yield_every_event_in_order()
    {
        var parsed = Parse(Fixture.Bytes("batched-entries.json"));

        Assert.Equal(5, parsed.Events.Count);
        Assert.Equal(["m_batch_1", "m_batch_2", "m_batch_3", "m_batch_4"], parsed.Events.OfType<CustomerMessage>().Take(4).Select(m => m.Mid));
        Assert.Equal("LANG_FR", parsed.Events.OfType<CustomerMessage>().Single(m => m.Mid == "m_batch_3").QuickReplyPayload);
        Assert.Equal("GET_STARTED", Assert.IsType<CustomerMessage>(parsed.Events[^1]).PostbackPayload);
    }

    [Fact]
    public void An_unknown_event_kind_is_named_not_refused()
    {
        var parsed = Parse(Fixture.Bytes("unknown-event.json"));

        Assert.Equal("game_play", Assert.IsType<UnsupportedEvent>(parsed.Events[0]).Kind);
        Assert.IsType<CustomerMessage>(parsed.Events[1]);
    }

    [Fact]
    public void Handover_ids_are_read_whether_meta_sends_them_as_strings_or_numbers()
    {
        var asNumbers = Fixture.Bytes("handover-pass.json").AsSpan().ToArray();
        var json = System.Text.Encoding.UTF8.GetString(asNumbers).Replace("\"new_owner_app_id\":\"263902037430900\"", "\"new_owner_app_id\":263902037430900", StringComparison.Ordinal);

        var control = Assert.IsType<ThreadControlChanged>(Parse(System.Text.Encoding.UTF8.GetBytes(json)).Events.Single());

        Assert.Equal(("263902037430900", "1000000000000001"), (control.NewOwnerAppId, control.PreviousOwnerAppId));
    }

    [Fact]
    public void Escaped_non_ascii_text_is_decoded()
    {
        var message = (CustomerMessage)Parse(Fixture.Bytes("non-ascii-escaped.json")).Events.Single();

        Assert.Equal("Très bien, merci ! À bientôt 🕯️", message.Text);
    }

    [Fact]
    public void An_echo_is_the_pages_message_to_the_recipient_with_its_app()
    {
        var echo = Assert.IsType<PageEcho>(Parse(Fixture.Bytes("echo-from-page-inbox.json")).Events.Single());

        Assert.Equal("7100000000000001", echo.Psid);
        Assert.Equal("263902037430900", echo.AppId);
        Assert.Null(echo.Metadata);
    }

    [Fact]
    public void Delivery_and_read_watermarks_are_milliseconds()
    {
        var events = Parse(Fixture.Bytes("delivery-and-read.json")).Events;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000), Assert.IsType<MessagesDelivered>(events[0]).Watermark);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795600060000), Assert.IsType<MessagesRead>(events[1]).Watermark);
    }

    [Theory]
    [InlineData("{not json", "The body is not complete JSON")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("{\"object\":\"instagram\",\"entry\":[]}", "Unsupported object 'instagram'")]
    [InlineData("{\"object\":\"page\",\"entry\":[]}", "no entry")]
    public void A_body_that_is_no_page_delivery_is_refused_whole_with_the_reason(string body, string reason)
    {
        var error = Assert.Throws<MetaPayloadException>(() => Parse(System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"object\":\"page\",\"entry\":[{\"time\":1795600000000,\"messaging\":[{\"sender\":{\"id\":\"2\"}}]}]}", "lacks its Page id (entry.id)")]
    [InlineData("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":1795600000000,\"message\":{\"text\":\"no mid\"}}]}]}", "lacks message.mid")]
    [InlineData("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":[1],\"message\":{\"mid\":\"m\"}}]}]}", "the value at $.timestamp is not of the kind Meta sends there")]
    public void An_event_that_cannot_be_read_is_kept_with_the_reason_in_words(string body, string reason)
    {
        var unreadable = Assert.IsType<UnreadableEvent>(Assert.Single(Parse(System.Text.Encoding.UTF8.GetBytes(body)).Events));

        Assert.Contains(reason, unreadable.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", unreadable.Reason, StringComparison.Ordinal);
        Assert.StartsWith("{", unreadable.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_in_seconds_is_refused_rather_than_dated_1970()
    {
        var unreadable = Assert.IsType<UnreadableEvent>(Assert.Single(Parse(Fixture.Bytes("timestamp-in-seconds.json")).Events));

        Assert.Contains("not a Unix time in milliseconds", unreadable.Reason, StringComparison.Ordinal);
    }
}
