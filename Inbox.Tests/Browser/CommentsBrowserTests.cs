using Dapper;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Tests.Browser;

public sealed class CommentsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string PostId = Fixture.DemoPageId + "_1300000000000088";

    [Fact]
    public async Task A_comment_arrives_live_an_agent_replies_privately_and_the_conversation_links_back()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        await sandbox.AddPostAsync(Fixture.DemoPageId, PostId, "Advent calendar: 24 tiny candles.", CancellationToken.None);
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Comments" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Comments");

        var commentId = await sandbox.CustomerCommentsAsync(Fixture.DemoPageId, PostId, "5500000000000777", "Zoé Garnier", "Do you ship to Belgium?", CancellationToken.None);

        var comment = page.Locator($".comment[data-comment-id='{commentId}']");
        await Expect(comment).ToContainTextAsync("Do you ship to Belgium?");
        await Expect(page.Locator(".comment-post-text").First).ToHaveTextAsync("Advent calendar: 24 tiny candles.");
        await comment.GetByRole(AriaRole.Button, new() { Name = "Reply privately" }).ClickAsync();
        // Saved replies work here too, filled for the commenter.
        await comment.GetByTestId("comment-saved-reply").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Greeting (en)" }).ClickAsync();
        await Expect(comment.GetByLabel("Private reply")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Hi Zoé, thanks for writing to Maison Lumière Candles!"));
        await comment.GetByLabel("Private reply").FillAsync("Yes, in 3 days. Shall I send you the rates?");
        await comment.GetByRole(AriaRole.Button, new() { Name = "Send privately" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Private reply sent to" })).ToBeVisibleAsync();

        // Answered now: it leaves "Unanswered"; under "All" it carries the marker.
        await Expect(comment).ToHaveCountAsync(0);
        await page.GetByText("All", new() { Exact = true }).ClickAsync();
        var marker = page.Locator($".comment[data-comment-id='{commentId}']").GetByTestId("private-reply-marker");
        await Expect(marker).ToContainTextAsync("The Page replied privately");
        await Expect(page.Locator($".comment[data-comment-id='{commentId}']").GetByRole(AriaRole.Button, new() { Name = "Reply privately" })).ToBeDisabledAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "comments.png");

        await marker.GetByRole(AriaRole.Link, new() { Name = "Open the conversation" }).ClickAsync();
        await Expect(page.Locator(".thread-header")).ToContainTextAsync("Zoé Garnier");
        await Expect(page.GetByTestId("from-comment")).ToContainTextAsync("Do you ship to Belgium?");
        await Expect(page.Locator(".message-out")).ToContainTextAsync("Yes, in 3 days.");
        await Expect(page.GetByTestId("window-notice")).ToContainTextAsync("has not written to you in Messenger yet");
    }

    [Fact]
    public async Task Metas_refusal_of_a_second_private_reply_is_shown_on_the_comment()
    {
        var sandbox = browser.App.Service<SandboxGraph>();
        await sandbox.AddPostAsync(Fixture.DemoPageId, PostId, "Advent calendar: 24 tiny candles.", CancellationToken.None);
        var commentId = await sandbox.CustomerCommentsAsync(Fixture.DemoPageId, PostId, "5500000000000778", "Hugo Lambert", "Price?", CancellationToken.None);
        await Eventually.ReturnsAsync(() => browser.App.Service<Inbox.Core.Comments.CommentStore>().GetAsync(commentId, CancellationToken.None), "the comment");
        await browser.App.Service<Inbox.Core.Comments.CommentActions>().PrivateReplyAsync(commentId, 1, "29 euros.", CancellationToken.None);
        // As if the Page had replied privately from Meta's own tools: Inbox does not know, Meta does.
        await using (var connection = await browser.App.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE comments SET private_reply_at = NULL, private_reply_message_id = NULL, answered_at = NULL WHERE id = @Id", new { Id = commentId });
        }
        var page = await browser.SignedInPageAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Comments" }).ClickAsync();
        var comment = page.Locator($".comment[data-comment-id='{commentId}']");

        await comment.GetByRole(AriaRole.Button, new() { Name = "Reply privately" }).ClickAsync();
        await comment.GetByLabel("Private reply").FillAsync("Again?");
        await comment.GetByRole(AriaRole.Button, new() { Name = "Send privately" }).ClickAsync();

        await Expect(comment.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Meta refused: the Page already replied privately to this comment, and Messenger allows only one private reply per comment.");
    }
}
