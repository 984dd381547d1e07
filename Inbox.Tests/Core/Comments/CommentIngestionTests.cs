using Inbox.Core.Comments;
using Inbox.Core.Ingestion;
using Inbox.Core.Live;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Comments;

/// <summary>Feed comment webhooks (times in seconds) applied on a real SQLite file, in and out of order.</summary>
public sealed class CommentIngestionTests : IAsyncLifetime
{
    private const string CommentId = "1300000000000010_2400000000000001";
    private IngestionHarness _inbox = default!;
    private CommentStore _comments = default!;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _comments = new CommentStore(_inbox.Db.Database);
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task A_comment_its_replies_and_the_pages_answer_make_one_answered_thread_under_its_post()
    {
        await _inbox.DeliverAsync(Fixture.Feed("comment-add.json"));
        var unanswered = Assert.Single(Assert.Single(await ThreadsAsync(CommentFilter.Unanswered)).Threads);
        Assert.Equal(("Chloé Bernard", "Price? Do you ship to Lyon?"), (unanswered.Comment.FromName, unanswered.Comment.Message));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795600900), unanswered.Comment.CreatedAt);
        Assert.Contains(_inbox.Published, c => c.Kind == InboxChangeKind.CommentChanged);

        await _inbox.DeliverAsync(Fixture.Feed("comment-reply.json"), Fixture.Feed("comment-page-reply.json"));

        Assert.Empty(await ThreadsAsync(CommentFilter.Unanswered));
        var post = Assert.Single(await ThreadsAsync(CommentFilter.Answered));
        Assert.Equal("https://www.facebook.com/104857600000001/posts/1300000000000010", post.Post.PermalinkUrl);
        var thread = Assert.Single(post.Threads);
        Assert.Equal([false, true], thread.Replies.Select(r => r.ByPage));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795601200), thread.Comment.AnsweredAt);
    }

    [Fact]
    public async Task An_edit_that_arrives_before_its_add_keeps_the_new_text_and_duplicates_change_nothing()
    {
        await _inbox.DeliverAsync(Fixture.Feed("comment-edited.json"), Fixture.Feed("comment-add.json"), Fixture.Feed("comment-add.json"));

        var comment = await _comments.GetAsync(CommentId, CancellationToken.None);
        Assert.Equal("Price? Do you ship to Lyon or Villeurbanne?", comment!.Message);
        Assert.NotNull(comment.EditedAt);
        Assert.Single(Assert.Single(await ThreadsAsync(CommentFilter.All)).Threads);
    }

    [Fact]
    public async Task Hide_unhide_and_remove_follow_the_comment_and_a_late_add_does_not_bring_it_back()
    {
        await _inbox.DeliverAsync(Fixture.Feed("comment-add.json"), Fixture.Feed("comment-hide.json"));
        Assert.True((await _comments.GetAsync(CommentId, CancellationToken.None))!.Hidden);
        Assert.Single(await ThreadsAsync(CommentFilter.Hidden));

        await _inbox.DeliverAsync(Fixture.Feed("comment-unhide.json"));
        Assert.False((await _comments.GetAsync(CommentId, CancellationToken.None))!.Hidden);

        await _inbox.DeliverAsync(Fixture.Feed("comment-remove.json"), Fixture.Feed("comment-add.json"));
        Assert.NotNull((await _comments.GetAsync(CommentId, CancellationToken.None))!.DeletedAt);
        Assert.Empty(await ThreadsAsync(CommentFilter.Unanswered));
    }

    [Fact]
    public async Task A_post_event_is_kept_unapplied_and_a_time_in_milliseconds_is_kept_apart_as_malformed()
    {
        await _inbox.DeliverAsync(Fixture.Feed("feed-post.json"));
        Assert.Equal(1, await _inbox.Deliveries.CountAsync(DeliveryStatus.Done, CancellationToken.None));

        await _inbox.DeliverAsync(Fixture.Feed("comment-milliseconds.json"));
        Assert.Equal(2, await _inbox.Deliveries.CountAsync(DeliveryStatus.Done, CancellationToken.None));
        var kept = Assert.Single(await _inbox.Kept.ListAsync(10, CancellationToken.None));
        Assert.Contains("is not a Unix time in seconds", kept.Reason, StringComparison.Ordinal);
        Assert.Empty(await ThreadsAsync(CommentFilter.All));
    }

    [Theory]
    [InlineData("Cheap followers at spam-shop.example/deal", "contains a link")]
    [InlineData("Call me on 06 12 34 56 78!", "contains a phone number")]
    [InlineData("This is a total SCAM", "contains \"scam\"")]
    [InlineData("Do you sell scampi candles?", null)]
    [InlineData("Price for 2 candles?", null)]
    public async Task Moderation_rules_mark_a_matching_comment_for_hiding_with_the_reason(string text, string? reason)
    {
        await _inbox.Moderation.SaveAsync(new ModerationRules(Fixture.DemoPageId, ["scam"], HideLinks: true, HidePhoneNumbers: true), CancellationToken.None);
        var body = System.Text.Encoding.UTF8.GetString(Fixture.Feed("comment-add.json")).Replace("Price? Do you ship to Lyon?", text, StringComparison.Ordinal);

        await _inbox.DeliverAsync(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal(reason, (await _comments.GetAsync(CommentId, CancellationToken.None))!.Moderation);
    }

    private Task<IReadOnlyList<PostThreads>> ThreadsAsync(CommentFilter filter) => _comments.ThreadsAsync(filter, null, 50, CancellationToken.None);
}
