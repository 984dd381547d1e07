using Dapper;
using Inbox.Core;
using Inbox.Core.Comments;
using Inbox.Core.Conversations;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Web;

/// <summary>Comment actions through the Graph client to the sandbox over real HTTP, under Meta's rules.</summary>
public sealed class CommentActionTests : IAsyncLifetime
{
    private const string PostId = Fixture.DemoPageId + "_1300000000000077";
    private readonly InboxAppFactory _app = new();
    private long _agentId;

    public async Task InitializeAsync()
    {
        _app.StartOnLoopback();
        _agentId = (await _app.FindUserAsync(InboxAppFactory.Demo.AgentEmail))!.Id;
        await Sandbox.AddPostAsync(Fixture.DemoPageId, PostId, "Our winter candles are here: vanilla, cedar and fig.", CancellationToken.None);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private SandboxGraph Sandbox => _app.Service<SandboxGraph>();
    private CommentActions Actions => _app.Service<CommentActions>();
    private CommentStore Comments => _app.Service<CommentStore>();

    [Fact]
    public async Task A_comment_arrives_with_its_posts_text_and_a_public_reply_answers_it_once()
    {
        var comment = await CommentAsync("Price of the fig one?");
        var post = await Eventually.ReturnsAsync(async () =>
            (await Comments.ThreadsAsync(CommentFilter.Unanswered, null, 10, CancellationToken.None)).SingleOrDefault(p => p.Post.Message is not null), "the post's text");
        Assert.Equal("Our winter candles are here: vanilla, cedar and fig.", post.Post.Message);

        await Actions.ReplyAsync(comment, _agentId, "26 euros, in stock!", CancellationToken.None);

        var thread = await Eventually.ReturnsAsync(async () =>
            (await Comments.ThreadsAsync(CommentFilter.Answered, null, 10, CancellationToken.None)).SelectMany(p => p.Threads).SingleOrDefault(t => t.Replies.Count > 0), "the answer");
        // The feed webhook of the Page's reply came back and was not stored twice.
        await Task.Delay(300);
        var reply = Assert.Single((await Comments.ThreadsAsync(CommentFilter.Answered, null, 10, CancellationToken.None)).Single().Threads.Single().Replies);
        Assert.True(reply.ByPage);
        Assert.Equal("26 euros, in stock!", reply.Message);
        Assert.NotNull(thread.Comment.AnsweredAt);
    }

    [Fact]
    public async Task A_private_reply_opens_the_commenters_conversation_which_links_back_and_a_second_one_is_refused()
    {
        var comment = await CommentAsync("Can you send me the catalogue?", "Léa Fontaine");

        var conversationId = await Actions.PrivateReplyAsync(comment, _agentId, "Here it is: catalogue.example/winter", CancellationToken.None);

        var message = Assert.Single(await _app.Service<ConversationStore>().MessagesAsync(conversationId, CancellationToken.None));
        Assert.Equal(comment, message.CommentId);
        Assert.Equal(MessageStatus.Sent, message.Status);
        var conversation = await _app.Service<ConversationStore>().GetAsync(conversationId, CancellationToken.None);
        Assert.Equal("Léa Fontaine", conversation!.ContactName);
        Assert.Null(conversation.LastCustomerMessageAt);
        var view = await Comments.GetAsync(comment, CancellationToken.None);
        Assert.Equal(conversationId, view!.PrivateReplyConversationId);
        var second = await Assert.ThrowsAsync<UserInputException>(() => Actions.PrivateReplyAsync(comment, _agentId, "And the price list", CancellationToken.None));
        Assert.Contains("one private reply per comment", second.Message, StringComparison.Ordinal);

        // The echo of the private reply comes back and is the same message, not a second one.
        await Task.Delay(300);
        Assert.Single(await _app.Service<ConversationStore>().MessagesAsync(conversationId, CancellationToken.None));
    }

    [Fact]
    public async Task A_private_reply_to_someone_who_already_writes_in_messenger_joins_their_conversation()
    {
        var existing = await _app.CustomerWritesAsync("7100000000000777", "Hello, is my order ready?", "Inès Garnier");
        var comment = await Sandbox.CustomerCommentsAsync(Fixture.DemoPageId, PostId, "5500000000000777", "Inès Garnier", "Same question here", CancellationToken.None, psid: "7100000000000777");
        await Eventually.ReturnsAsync(() => Comments.GetAsync(comment, CancellationToken.None), "the comment");

        var conversationId = await Actions.PrivateReplyAsync(comment, _agentId, "It is, see you soon!", CancellationToken.None);

        Assert.Equal(existing.Id, conversationId);
        Assert.Single(await _app.Service<ConversationStore>().ListAsync(new ConversationFilter(), 0, 50, CancellationToken.None), c => c.DisplayName == "Inès Garnier");
    }

    [Fact]
    public async Task Metas_refusal_of_a_second_private_reply_is_shown_plainly()
    {
        var comment = await CommentAsync("Hello?");
        await Actions.PrivateReplyAsync(comment, _agentId, "Hi! How can we help?", CancellationToken.None);
        await ExecuteAsync("UPDATE comments SET private_reply_at = NULL WHERE id = @Id", new { Id = comment });

        var refused = await Assert.ThrowsAsync<UserInputException>(() => Actions.PrivateReplyAsync(comment, _agentId, "Again", CancellationToken.None));

        Assert.Equal("Meta refused: the Page already replied privately to this comment, and Messenger allows only one private reply per comment.", refused.Message);
        Assert.Equal(10900, Sandbox.Received[^1].ErrorCode);
    }

    [Fact]
    public async Task After_seven_days_a_private_reply_is_refused_before_asking_meta_and_metas_window_error_is_plain_too()
    {
        var old = await CommentAsync("Still available?");
        var sevenDaysAgo = DateTimeOffset.UtcNow.AddDays(-7).AddMinutes(-1);
        await ExecuteAsync("UPDATE comments SET created_at = @At WHERE id = @Id", new { Id = old, At = sevenDaysAgo });

        var ours = await Assert.ThrowsAsync<UserInputException>(() => Actions.PrivateReplyAsync(old, _agentId, "Yes", CancellationToken.None));
        Assert.Contains("more than 7 days old", ours.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Sandbox.Received, c => c.RecipientId == $"comment:{old}");

        var skewed = await CommentAsync("And now?");
        await ExecuteAsync("UPDATE sandbox_comments SET created_at = @At WHERE id = @Id", new { Id = skewed, At = sevenDaysAgo });
        var theirs = await Assert.ThrowsAsync<UserInputException>(() => Actions.PrivateReplyAsync(skewed, _agentId, "Yes", CancellationToken.None));
        Assert.Contains("more than 7 days have passed", theirs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hide_unhide_like_and_delete_are_done_on_facebook_shown_on_the_comment_and_audited()
    {
        var comment = await CommentAsync("Meh.");

        await Actions.HideAsync(comment, _agentId, CancellationToken.None);
        Assert.True((await Comments.GetAsync(comment, CancellationToken.None))!.Hidden);
        await Actions.UnhideAsync(comment, _agentId, CancellationToken.None);
        await Actions.LikeAsync(comment, _agentId, CancellationToken.None);
        await Actions.DeleteAsync(comment, _agentId, CancellationToken.None);

        var view = await Comments.GetAsync(comment, CancellationToken.None);
        Assert.False(view!.Hidden);
        Assert.NotNull(view.LikedAt);
        Assert.NotNull(view.DeletedAt);
        Assert.Equal(["hide", "unhide", "like", "delete"], await ActionsOnAsync(comment));
        var gone = await Assert.ThrowsAsync<UserInputException>(() => Actions.LikeAsync(comment, _agentId, CancellationToken.None));
        Assert.Equal("This comment no longer exists on Facebook.", gone.Message);
    }

    [Fact]
    public async Task The_pages_own_comment_cannot_be_hidden()
    {
        var comment = await CommentAsync("Question?");
        await Actions.ReplyAsync(comment, _agentId, "Answer.", CancellationToken.None);
        var reply = (await Comments.ThreadsAsync(CommentFilter.All, null, 10, CancellationToken.None)).Single().Threads.Single().Replies.Single();

        var refused = await Assert.ThrowsAsync<UserInputException>(() => Actions.HideAsync(reply.Id, _agentId, CancellationToken.None));

        Assert.Equal("The Page's own comments cannot be hidden.", refused.Message);
    }

    [Fact]
    public async Task A_moderation_rule_hides_a_matching_comment_on_facebook_and_a_persons_unhide_stands()
    {
        await _app.Service<ModerationStore>().SaveAsync(new ModerationRules(Fixture.DemoPageId, ["scam"], HideLinks: false, HidePhoneNumbers: false), CancellationToken.None);

        var comment = await CommentAsync("This shop is a scam");

        // The sandbox's webhook for the hide can mark the comment hidden before the action that caused it commits.
        await Eventually.TrueAsync(async () => (await Comments.GetAsync(comment, CancellationToken.None))?.Hidden == true
            && (await ActionsOnAsync(comment)).Length > 0, "the rule to hide it");
        Assert.Equal(["auto_hide"], await ActionsOnAsync(comment));
        Assert.Equal("contains \"scam\"", (await Comments.AutoHiddenAsync(10, CancellationToken.None)).Single().Moderation);

        await Actions.UnhideAsync(comment, _agentId, CancellationToken.None);
        _app.Service<CommentSignal>().Pulse();
        await Task.Delay(500);
        Assert.False((await Comments.GetAsync(comment, CancellationToken.None))!.Hidden);
    }

    [Fact]
    public async Task When_the_commenter_answers_the_private_reply_the_24_hour_window_opens()
    {
        var comment = await CommentAsync("Do you do weddings?", "Nina Roche");
        var conversationId = await Actions.PrivateReplyAsync(comment, _agentId, "We do! What date?", CancellationToken.None);
        var psid = (await _app.Service<ConversationStore>().GetAsync(conversationId, CancellationToken.None))!.Psid;

        await Sandbox.CustomerWritesAsync(Fixture.DemoPageId, psid, "June 12th", null, CancellationToken.None);

        var conversation = await Eventually.ReturnsAsync(async () =>
            await _app.Service<ConversationStore>().GetAsync(conversationId, CancellationToken.None) is { LastCustomerMessageAt: not null } c ? c : null, "the answer");
        Assert.Equal(WindowState.Standard, MessagingWindow.At(conversation.LastCustomerMessageAt, DateTimeOffset.UtcNow));
        var reply = await _app.AgentRepliesAsync(conversationId, "Lovely, noted.");
        await _app.MessageWhenAsync(reply, MessageStatus.Sent);
    }

    // The circuit that guards app-level calls (token checks, history reads, login) opened once at start-up under load and
    // refused an agent's "hide" on a Page that had done nothing wrong: a comment action counts in its own Page's circuit.
    [Fact]
    public async Task Moderation_goes_on_while_the_apps_own_background_calls_are_failing()
    {
        var comment = await CommentAsync("Visit my shop for cheap candles!!!");
        var token = (await _app.Service<Inbox.Core.Pages.PageStore>().AccessTokenAsync(Fixture.DemoPageId, CancellationToken.None))!;
        var graph = _app.Service<Inbox.Core.Meta.GraphClient>();
        var history = Inbox.Core.Meta.GraphClient.ConversationsPath(Fixture.DemoPageId, 5);
        _app.Service<SandboxHistory>().FailNext("/conversations", 12);
        // Each read is tried three times; the app's start-up calls that went well count too, so read until it opens.
        Inbox.Core.Meta.GraphError? error = null;
        for (var read = 0; read < 4 && error?.IsCircuitOpen != true; read++)
        {
            error = (await graph.ReadHistoryAsync<Inbox.Core.Meta.GraphClient.HistoryConversation>(history, token, CancellationToken.None)).Error;
        }
        Assert.True(error?.IsCircuitOpen, "the app-level circuit opened");

        await Actions.HideAsync(comment, _agentId, CancellationToken.None);

        Assert.True((await Comments.GetAsync(comment, CancellationToken.None))!.Hidden);
    }

    private async Task<string> CommentAsync(string text, string name = "Chloé Bernard")
    {
        var id = await Sandbox.CustomerCommentsAsync(Fixture.DemoPageId, PostId, "5500000000000" + Random.Shared.Next(100, 999), name, text, CancellationToken.None);
        await Eventually.ReturnsAsync(() => Comments.GetAsync(id, CancellationToken.None), "the comment");
        return id;
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    private async Task<string[]> ActionsOnAsync(string commentId)
    {
        await using var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>("SELECT action FROM comment_actions WHERE comment_id = @Id ORDER BY id", new { Id = commentId })];
    }
}
