using Bunit;
using Inbox.Core.Conversations;
using Inbox.Core.Meta;
using Inbox.Web.Components;
using Inbox.Web.Features.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Conversations;

public sealed class ThreadComponentTests : Inbox.Tests.Support.MudComponentTest
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
    private static readonly System.Text.Json.JsonSerializerOptions s_json = new(System.Text.Json.JsonSerializerDefaults.Web);

    // A failed reply offers to send it again, and an edited message loads its history: both read a real database.
    private readonly Inbox.Tests.Support.TestDatabase _db = new();

    public ThreadComponentTests()
    {
        Services.AddLocalization();
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<BrowserClock>();
        Services.AddSingleton(_db.Database);
        Services.AddSingleton<ConversationStore>();
        Services.AddSingleton<Inbox.Core.Outbox.OutboxStore>();
        Services.AddSingleton<Inbox.Core.Outbox.SendSignal>();
        Services.AddSingleton(new Inbox.Core.Live.LiveFeed(Microsoft.Extensions.Logging.Abstractions.NullLogger<Inbox.Core.Live.LiveFeed>.Instance));
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new MetaOptions { AppId = "1000000000000001" }));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _db.Dispose();
        }
        base.Dispose(disposing);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/svg+xml,<svg onload=alert(1)>")]
    public void A_sticker_url_passes_the_link_filter_like_every_other_attachment(string url)
    {
        var sticker = Render<AttachmentView>(p => p.Add(a => a.Attachment, new Attachment("image", url, null, 369239263222822)));

        Assert.False(sticker.Find("img.attachment-sticker").HasAttribute("src"));
    }

    [Fact]
    public void A_stickers_https_picture_is_shown()
    {
        var sticker = Render<AttachmentView>(p => p.Add(a => a.Attachment, new Attachment("sticker", "https://scontent.xx.fbcdn.net/sticker.png", null, 369239263222822)));

        Assert.Equal("https://scontent.xx.fbcdn.net/sticker.png", sticker.Find("img.attachment-sticker").GetAttribute("src"));
    }

    [Fact]
    public void A_product_shows_as_a_card_with_its_picture_title_and_price()
    {
        var product = new Attachment("product", null, "Vanilla candle", null) { Subtitle = "€24.00", ImageUrl = "https://shop.example/img/vanilla.jpg" };

        var card = Render<AttachmentView>(p => p.Add(a => a.Attachment, product));

        Assert.Equal("https://shop.example/img/vanilla.jpg", card.Find(".attachment-card img").GetAttribute("src"));
        Assert.Equal("Vanilla candle", card.Find(".attachment-card strong").TextContent);
        Assert.Contains("€24.00", card.Find(".attachment-card").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://shop.example/autumn", "https://shop.example/autumn")]
    [InlineData("javascript:alert(1)", null)]
    public void A_template_card_opens_its_link_only_when_it_is_safe(string url, string? href)
    {
        var template = new Attachment("template", url, "<b>Autumn</b> collection", null) { ImageUrl = "data:image/svg+xml,<svg onload=alert(1)>" };

        var card = Render<AttachmentView>(p => p.Add(a => a.Attachment, template));

        Assert.Equal(href, card.Find(".attachment-card").GetAttribute("href"));
        Assert.Empty(card.FindAll(".attachment-card img"));
        Assert.Equal("<b>Autumn</b> collection", card.Find(".attachment-card strong").TextContent);
    }

    [Fact]
    public void Customer_text_is_shown_as_text_never_as_markup()
    {
        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, Message(MessageDirection.In, MessageStatus.Received, "<script>alert(1)</script><b>hi</b>")));

        Assert.Empty(bubble.FindAll("script"));
        Assert.Empty(bubble.FindAll("b"));
        Assert.Equal("<script>alert(1)</script><b>hi</b>", bubble.Find(".message-text").TextContent);
    }

    [Theory]
    [InlineData(MessageStatus.Pending, false, false, "sending", "Sending…")]
    [InlineData(MessageStatus.Sent, false, false, "sent", "✓ Sent")]
    [InlineData(MessageStatus.Sent, true, false, "delivered", "✓✓ Delivered")]
    [InlineData(MessageStatus.Sent, true, true, "seen", "✓✓ Seen")]
    [InlineData(MessageStatus.Failed, false, false, "failed", "Failed")]
    public void A_reply_shows_where_it_stands(MessageStatus status, bool delivered, bool read, string expectedStatus, string expectedText)
    {
        var message = Message(MessageDirection.Out, status, "Thanks!") with
        {
            DeliveredAt = delivered ? s_at : null,
            ReadAt = read ? s_at : null,
            Error = status == MessageStatus.Failed ? "(#10) This message is sent outside of allowed window. (code 10/2018278)" : null,
            AuthorName = "Camille Dubois",
        };

        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, message));

        Assert.Equal(expectedStatus, bubble.Find(".message-status").GetAttribute("data-status"));
        Assert.Equal(expectedText, bubble.Find(".message-status").TextContent);
        Assert.Equal("Camille Dubois", bubble.Find(".message-author").TextContent);
        if (status == MessageStatus.Failed)
        {
            Assert.Contains("outside of allowed window", bubble.Find(".message-error").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_reply_from_metas_page_inbox_says_where_it_came_from()
    {
        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, Message(MessageDirection.Out, MessageStatus.Sent, "Hi") with { SourceAppId = "263902037430900" }));

        Assert.Equal("Page · sent from Meta's Page Inbox", bubble.Find(".message-author").TextContent);
    }

    [Fact]
    public void Every_attachment_type_is_rendered_and_unsafe_links_are_not_linked()
    {
        var attachments = new Attachment[]
        {
            new("image", "https://cdn.example/photo.jpg", null, null),
            new("image", "https://cdn.example/sticker.png", null, 369239263222822),
            new("video", "https://cdn.example/clip.mp4", null, null),
            new("audio", "https://cdn.example/voice.mp4", null, null),
            new("file", "https://cdn.example/invoice%20march.pdf", null, null),
            new("fallback", "javascript:alert(1)", "Vanilla candle", null),
        };
        var message = Message(MessageDirection.In, MessageStatus.Received, null) with
        {
            AttachmentsJson = System.Text.Json.JsonSerializer.Serialize(attachments, s_json),
        };

        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, message));

        Assert.Equal("https://cdn.example/photo.jpg", bubble.Find("img.attachment-image").GetAttribute("src"));
        Assert.NotNull(bubble.Find("img.attachment-sticker"));
        Assert.Equal("https://cdn.example/clip.mp4", bubble.Find("video").GetAttribute("src"));
        Assert.Equal("https://cdn.example/voice.mp4", bubble.Find("audio").GetAttribute("src"));
        Assert.Contains("invoice march.pdf", bubble.Find(".attachment-file").TextContent, StringComparison.Ordinal);
        var link = bubble.Find(".attachment-link");
        Assert.Contains("Vanilla candle", link.TextContent, StringComparison.Ordinal);
        Assert.Null(link.GetAttribute("href"));
    }

    [Theory]
    [InlineData(null, "has not written to you in Messenger yet")]
    [InlineData(10, "wrote more than 7 days ago")]
    public void The_window_notice_tells_a_private_replys_conversation_from_a_stale_one(int? daysAgo, string says)
    {
        var notice = Render<WindowNotice>(p => p.Add(n => n.LastCustomerMessageAt, daysAgo is { } days ? DateTimeOffset.UtcNow.AddDays(-days) : null));

        Assert.Contains(says, notice.Find("[data-testid=window-notice]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snoozed_row_says_when_it_wakes()
    {
        var wakes = DateTimeOffset.UtcNow.AddHours(3);
        var row = Render<ConversationRow>(p => p.Add(r => r.Conversation, new ConversationSummary
        {
            Id = 9,
            PageId = "1",
            Psid = "7100000000009012",
            LastMessageAt = DateTimeOffset.UtcNow.AddMinutes(-30),
            LastMessagePreview = "Call me next week",
            Status = ConversationStatus.Snoozed,
            SnoozedUntil = wakes,
        }));

        Assert.Contains("wakes ", row.Find("[data-testid=row-wakes]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_row_whose_last_reply_failed_says_so(bool failed)
    {
        var row = Render<ConversationRow>(p => p.Add(r => r.Conversation, new ConversationSummary
        {
            Id = 8,
            PageId = "1",
            Psid = "7100000000005678",
            LastMessageAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            LastMessagePreview = "On its way",
            LastMessageDirection = MessageDirection.Out,
            LastReplyFailed = failed,
        }));

        Assert.Equal(failed ? 1 : 0, row.FindAll("[data-testid=row-reply-failed]").Count);
    }

    [Fact]
    public void A_row_handed_the_same_conversation_again_does_not_render_again_and_one_that_changed_does()
    {
        var conversation = new ConversationSummary
        {
            Id = 6,
            PageId = "1",
            Psid = "7100000000000606",
            LastMessageAt = DateTimeOffset.UtcNow.AddMinutes(-2),
            LastMessagePreview = "Is it in stock?",
            UnreadCount = 1,
        };
        var row = Render<ConversationRow>(p => p.Add(r => r.Conversation, conversation));
        var renders = row.RenderCount;

        // Every list refresh reads new, equal records: with hundreds of tabs open, each re-render is paid hundreds of times.
        row.Render(p => p.Add(r => r.Conversation, conversation with { }));
        Assert.Equal(renders, row.RenderCount);

        row.Render(p => p.Add(r => r.Conversation, conversation with { LastMessagePreview = "Still there?", UnreadCount = 2 }));
        Assert.Equal(renders + 1, row.RenderCount);
        Assert.Contains("Still there?", row.Find(".conversation-row-preview").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_row_shows_the_contact_preview_waiting_time_and_unread_count()
    {
        var row = Render<ConversationRow>(p => p
            .Add(r => r.Conversation, new ConversationSummary
            {
                Id = 7,
                PageId = "1",
                Psid = "7100000000001234",
                ContactName = null,
                LastMessageAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                LastMessagePreview = "Where is my order?",
                LastMessageDirection = MessageDirection.In,
                WaitingSince = DateTimeOffset.UtcNow.AddMinutes(-12),
                UnreadCount = 2,
            })
            .Add(r => r.Selected, true));

        Assert.Equal("Messenger user …1234", row.Find(".conversation-row-name").TextContent);
        Assert.Contains("Where is my order?", row.Find(".conversation-row-preview").TextContent, StringComparison.Ordinal);
        Assert.Equal("waiting 12 min", row.Find(".conversation-row-waiting").TextContent);
        Assert.Equal("2", row.Find(".conversation-row-unread-count").TextContent);
        Assert.Equal("conversations/7", row.Find("a").GetAttribute("href"));
        Assert.Equal("true", row.Find("a").GetAttribute("aria-current"));
    }

    [Fact]
    public void A_button_press_a_quote_a_reaction_and_an_edit_are_each_shown()
    {
        var message = Message(MessageDirection.In, MessageStatus.Received, "Get Started") with
        {
            PostbackPayload = "GET_STARTED",
            ReplyToMid = "m_1",
            QuotedMessageId = 7,
            QuotedText = "Welcome! Tap a button.",
            Reaction = "\u2764\ufe0f",
            EditedText = "Get Started now",
        };

        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, message));

        Assert.EndsWith("Pressed “Get Started now”", bubble.Find("[data-testid=postback]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Welcome! Tap a button.", bubble.Find("[data-testid=quote]").TextContent.Trim());
        Assert.Equal("\u2764\ufe0f", bubble.Find("[data-testid=reaction]").TextContent);
        Assert.Equal("edited", bubble.Find(".message-edited").TextContent);
    }

    [Theory]
    [InlineData("551", 1, false, "Try again")]
    [InlineData("10/2018108", 1, false, "reach the person another way")]
    [InlineData("10/2018278", 1, false, "Send again")]
    [InlineData("10/2018278", 30, true, "Send with the human agent tag")]
    [InlineData("10/2018278", 30, false, "An admin can allow the human agent tag")]
    [InlineData("10/2018278", 24 * 8, true, "once the customer writes again")]
    [InlineData("190", 1, false, "Settings > Pages")]
    public void A_failed_reply_offers_what_can_be_done(string code, int hoursSinceCustomer, bool pageAllowsHumanAgent, string offer)
    {
        var message = Message(MessageDirection.Out, MessageStatus.Failed, "Hello") with { ErrorCode = code, Error = "Refused." };
        var conversation = new ConversationSummary
        {
            PageId = "p",
            Psid = "u",
            LastMessagePreview = "",
            LastCustomerMessageAt = DateTimeOffset.UtcNow.AddHours(-hoursSinceCustomer),
            PageAllowsHumanAgent = pageAllowsHumanAgent,
        };

        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, message).Add(b => b.Conversation, conversation));

        Assert.Contains(offer, bubble.Find(".message-error").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_waiting_to_be_sent_again_says_so_in_the_readers_words_with_the_workers_detail_on_hover()
    {
        var waiting = Message(MessageDirection.Out, MessageStatus.Pending, "On my way") with { Error = "Meta asked this Page to slow down; trying again at 10:02:00 UTC." };

        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, waiting));

        var note = bubble.Find(".message-retrying");
        Assert.Equal("Not sent yet; Inbox tries again by itself.", note.TextContent);
        Assert.Equal(waiting.Error, note.GetAttribute("title"));
    }

    private static Message Message(MessageDirection direction, MessageStatus status, string? text) => new()
    {
        Id = 1,
        ConversationId = 1,
        Direction = direction,
        Status = status,
        Text = text,
        SentAt = s_at,
    };
}
