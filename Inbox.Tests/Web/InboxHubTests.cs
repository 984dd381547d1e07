using System.Net;
using System.Net.WebSockets;
using System.Text;
using Inbox.Core.ApiTokens;
using Inbox.Core.Conversations;
using Inbox.Core.Meta;
using Inbox.Core.Users;
using Inbox.Tests.Support;
using Inbox.Web.Cli;
using Inbox.Web.Hubs;
using Inbox.Web.Startup;

namespace Inbox.Tests.Web;

public sealed class InboxHubTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();
    private string _baseUrl = "";

    public Task InitializeAsync()
    {
        _baseUrl = _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_client_with_a_token_receives_each_new_message_as_it_is_applied()
    {
        var token = await _app.TokenForAsync(InboxAppFactory.Demo.AgentEmail);
        await using var hub = await HubClient.ConnectAsync(new Uri(_baseUrl + InboxHub.Path), token, InboxHub.ChangeEvent, CancellationToken.None);

        var body = Fixture.Bytes("text-message.json");
        using var content = new ByteArrayContent(body);
        content.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret));
        using var http = new HttpClient();
        (await http.PostAsync(_baseUrl + "/webhooks/meta", content)).EnsureSuccessStatusCode();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = await hub.Events.ReadAsync(timeout.Token);
        var conversation = Assert.Single(await _app.Service<ConversationStore>().ListAsync(0, 10, CancellationToken.None));
        Assert.Equal(conversation.Id, received.Argument.GetProperty("conversationId").GetInt64());
        Assert.Equal("MessageAdded", received.Argument.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("inbox_not-a-token")]
    [InlineData("")]
    public async Task The_hub_refuses_clients_without_a_valid_token(string token)
    {
        var error = await Assert.ThrowsAsync<WebSocketException>(() =>
            HubClient.ConnectAsync(new Uri(_baseUrl + InboxHub.Path), token, InboxHub.ChangeEvent, CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_token_closes_the_connection_made_with_it()
    {
        var token = await _app.TokenForAsync(InboxAppFactory.Demo.AgentEmail);
        await using var hub = await HubClient.ConnectAsync(new Uri(_baseUrl + InboxHub.Path), token, InboxHub.ChangeEvent, CancellationToken.None);
        var tokens = _app.Service<ApiTokenStore>();
        var issued = Assert.Single(await tokens.ListActiveAsync(CancellationToken.None));

        await tokens.RevokeAsync(issued.Id, CancellationToken.None);

        await AssertClosedAsync(hub);
    }

    [Fact]
    public async Task A_password_change_closes_the_connection_and_the_token_no_longer_opens_one()
    {
        var token = await _app.TokenForAsync(InboxAppFactory.Demo.AgentEmail);
        await using var hub = await HubClient.ConnectAsync(new Uri(_baseUrl + InboxHub.Path), token, InboxHub.ChangeEvent, CancellationToken.None);
        var agent = await _app.FindUserAsync(InboxAppFactory.Demo.AgentEmail);

        await _app.Service<UserStore>().SetPasswordAsync(agent!.Id, "a brand new password", CancellationToken.None);

        await AssertClosedAsync(hub);
        await Assert.ThrowsAsync<WebSocketException>(() =>
            HubClient.ConnectAsync(new Uri(_baseUrl + InboxHub.Path), token, InboxHub.ChangeEvent, CancellationToken.None));
    }

    [Fact]
    public async Task Disabling_the_user_closes_their_connection()
    {
        var token = await _app.TokenForAsync(InboxAppFactory.Demo.AgentEmail);
        await using var hub = await HubClient.ConnectAsync(new Uri(_baseUrl + InboxHub.Path), token, InboxHub.ChangeEvent, CancellationToken.None);
        var agent = await _app.FindUserAsync(InboxAppFactory.Demo.AgentEmail);

        await _app.Service<UserStore>().SetDisabledAsync(agent!.Id, true, CancellationToken.None);

        await AssertClosedAsync(hub);
    }

    [Theory]
    [InlineData("https://elsewhere.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.OK)]
    [InlineData("self", HttpStatusCode.OK)]
    public async Task The_hub_accepts_only_its_own_sites_pages_as_origin(string? origin, HttpStatusCode expected)
    {
        var token = await _app.TokenForAsync(InboxAppFactory.Demo.AgentEmail);
        using var http = new HttpClient();
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, _baseUrl + InboxHub.Path + "/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new("Bearer", token);
        if (origin is not null)
        {
            negotiate.Headers.Add("Origin", origin == "self" ? _baseUrl : origin);
        }

        using var response = await http.SendAsync(negotiate);

        Assert.Equal(expected, response.StatusCode);
    }

    // The sweeper runs at once for a change made on this node; the stream ends when the server closes the socket.
    private static async Task AssertClosedAsync(HubClient hub)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await hub.Events.WaitToReadAsync(timeout.Token))
        {
            await hub.Events.ReadAsync(timeout.Token);
        }
        Assert.True(hub.Events.Completion.IsCompleted);
    }
}
