using Inbox.Core.Comments;

namespace Inbox.Tests.Core.Comments;

public sealed class PrivateReplyRuleTests
{
    private static readonly DateTimeOffset s_commented = new(2026, 11, 18, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(6 * 24 + 23, null)]
    [InlineData(7 * 24 + 1, "more than 7 days old")]
    public void A_private_reply_is_possible_for_7_days_after_the_comment(int hoursLater, string? refusal)
    {
        var why = PrivateReplyRule.WhyNot(Comment(), s_commented.AddHours(hoursLater));

        if (refusal is null)
        {
            Assert.Null(why);
        }
        else
        {
            Assert.Contains(refusal, why, StringComparison.Ordinal);
        }
        Assert.Equal(s_commented.AddDays(7), PrivateReplyRule.ClosesAt(Comment()));
    }

    [Fact]
    public void Only_once_never_to_the_pages_own_comment_nor_to_a_removed_one()
    {
        var now = s_commented.AddHours(1);

        Assert.Contains("one private reply per comment", PrivateReplyRule.WhyNot(Comment() with { PrivateReplyAt = now }, now), StringComparison.Ordinal);
        Assert.Equal("This is the Page's own comment.", PrivateReplyRule.WhyNot(Comment() with { ByPage = true }, now));
        Assert.Equal("This comment was removed from Facebook.", PrivateReplyRule.WhyNot(Comment() with { DeletedAt = now }, now));
    }

    private static CommentView Comment() => new() { Id = "c1", PageId = "p", PostId = "p_1", FromId = "u", CreatedAt = s_commented };
}
