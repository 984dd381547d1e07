using System.Net.WebSockets;
using System.Text;
using Inbox.Core.Conversations;
using Inbox.Core.Meta;
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
}
