using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Core.Comments;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Web;

public sealed class CommentApiTests : IAsyncLifetime
{
    private const string PostId = Fixture.DemoPageId + "_1300000000000099";
    private readonly InboxAppFactory _app = new();
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _app.StartOnLoopback();
        _api = _app.CreateClient();
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.TokenForAsync(InboxAppFactory.Demo.AgentEmail));
        await _app.Service<SandboxGraph>().AddPostAsync(Fixture.DemoPageId, PostId, "Gift boxes are back.", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Comments_are_listed_by_post_answered_hidden_and_unhidden_over_the_api()
    {
        var first = await CommentAsync("How much is the large box?");
        var second = await CommentAsync("Can I pick it up in store?");

        var unanswered = await _api.GetFromJsonAsync<JsonElement>("/api/v1/comments");
        Assert.Equal(2, unanswered[0].GetProperty("threads").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsJsonAsync($"/api/v1/comments/{first}/reply", new { text = "39 euros." })).StatusCode);
        var privately = await (await _api.PostAsJsonAsync($"/api/v1/comments/{second}/private-reply", new { text = "Yes, any day from 10:00." })).Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = privately.GetProperty("conversationId").GetInt64();
        Assert.Equal($"/api/v1/conversations/{conversationId}", privately.GetProperty("comment").GetProperty("privateReply").GetProperty("url").GetString());
        var again = await _api.PostAsJsonAsync($"/api/v1/comments/{second}/private-reply", new { text = "Again" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("one private reply per comment", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await AssertOkAsync(await _api.PostAsync($"/api/v1/comments/{first}/hide", null));
        var hidden = await _api.GetFromJsonAsync<JsonElement>("/api/v1/comments?filter=hidden");
        Assert.Equal(first, hidden[0].GetProperty("threads")[0].GetProperty("comment").GetProperty("id").GetString());
        await AssertOkAsync(await _api.PostAsync($"/api/v1/comments/{first}/unhide", null));
        Assert.Equal(0, (await _api.GetFromJsonAsync<JsonElement>("/api/v1/comments")).GetArrayLength());
    }

    [Fact]
    public async Task A_comments_photo_is_in_the_api()
    {
        Assert.Equal(HttpStatusCode.OK, (await SignedWebhook.PostAsync(_api, "", Fixture.Feed("comment-photo-legacy-sender.json"))).StatusCode);
        await Eventually.ReturnsAsync(() => _app.Service<CommentStore>().GetAsync("1300000000000010_2400000000000009", CancellationToken.None), "the comment");

        var comment = (await _api.GetFromJsonAsync<JsonElement>("/api/v1/comments?filter=all"))[0].GetProperty("threads")[0].GetProperty("comment");

        Assert.Equal("5500000000000009", comment.GetProperty("fromId").GetString());
        var photo = comment.GetProperty("attachments")[0];
        Assert.Equal(("image", "https://scontent.example/v/candle-cracked.jpg?oh=1"), (photo.GetProperty("type").GetString(), photo.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task Bad_requests_get_plain_answers()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.GetAsync("/api/v1/comments?filter=spam")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostAsJsonAsync("/api/v1/comments/nope/reply", new { text = "x" })).StatusCode);
        var comment = await CommentAsync("Hi");
        var empty = await _api.PostAsJsonAsync($"/api/v1/comments/{comment}/reply", new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write a reply", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/comments")).StatusCode);
    }

    private async Task<string> CommentAsync(string text)
    {
        var id = await _app.Service<SandboxGraph>().CustomerCommentsAsync(Fixture.DemoPageId, PostId, "55000000000001" + Random.Shared.Next(10, 99), "Sam Noel", text, CancellationToken.None);
        await Eventually.ReturnsAsync(() => _app.Service<CommentStore>().GetAsync(id, CancellationToken.None), "the comment");
        return id;
    }

    // With the body in the failure: a refusal says why (a failure under load once gave only "BadRequest").
    private static async Task AssertOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
    }
}
