using Inbox.Core.SavedReplies;

namespace Inbox.Tests.Core.SavedReplies;

public sealed class SavedReplySearchTests
{
    private static readonly SavedReply[] s_replies =
    [
        Reply(1, "Shipping times", "shipping", "We ship within 2 working days.", uses: 3),
        Reply(2, "Order tracking", "track", "Send me your order number and I'll check where your parcel is.", uses: 9),
        Reply(3, "Returns", "returns", "Return any unused candle within 30 days.", uses: 1),
        Reply(4, "Greeting", "hello", "Hi {first_name}, how can I help?", uses: 20),
    ];

    [Fact]
    public void A_shortcut_prefix_comes_before_a_title_match_before_a_body_match()
    {
        Assert.Equal([2], SavedReplySearch.Filter(s_replies, "tr").Take(1).Select(r => r.Id));
        // "ship": reply 1 by its shortcut; "within" only in bodies, most used first.
        Assert.Equal([1], SavedReplySearch.Filter(s_replies, "ship").Select(r => r.Id));
        Assert.Equal([1, 3], SavedReplySearch.Filter(s_replies, "within").Select(r => r.Id));
        Assert.Equal([2], SavedReplySearch.Filter(s_replies, "parcel").Select(r => r.Id));
    }

    [Fact]
    public void Matching_ignores_case()
    {
        Assert.Equal([1], SavedReplySearch.Filter(s_replies, "SHIP").Select(r => r.Id).Take(1));
    }

    [Fact]
    public void An_empty_query_shows_the_most_used_first()
    {
        Assert.Equal([4, 2, 1, 3], SavedReplySearch.Filter(s_replies, "").Select(r => r.Id));
    }

    [Fact]
    public void Nothing_matching_gives_an_empty_list()
    {
        Assert.Empty(SavedReplySearch.Filter(s_replies, "zebra"));
    }

    private static SavedReply Reply(long id, string title, string shortcut, string body, int uses) =>
        new() { Id = id, Title = title, Shortcut = shortcut, Language = "en", Body = body, UsageCount = uses };
}
