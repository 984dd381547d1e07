using Inbox.Web.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Web.Hubs;

/// <summary>
/// Pushes inbox changes to JavaScript and external clients (the Blazor UI subscribes to the LiveFeed in-process).
/// Signed-in browsers use their cookie; programs pass a personal API token as <c>access_token</c>.
/// </summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme + "," + ApiTokenAuthenticationHandler.SchemeName)]
public sealed class InboxHub(HubConnections connections) : Hub
{
    public const string Path = "/hubs/inbox";

    /// <summary>The event every change is sent as: <c>{ conversationId, kind, messageId }</c>.</summary>
    public const string ChangeEvent = "inboxChanged";

    public override Task OnConnectedAsync()
    {
        connections.Opened(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context);
        return Task.CompletedTask;
    }
}
