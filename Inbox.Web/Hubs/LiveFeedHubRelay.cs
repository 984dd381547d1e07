using Inbox.Core.Live;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Web.Hubs;

/// <summary>
/// Forwards the changes this node commits to the hub's connected clients; with several nodes, SignalR's Redis
/// backplane carries them to the clients of the others (so changes relayed from another node are not sent again).
/// </summary>
public sealed partial class LiveFeedHubRelay(LiveFeed feed, IHubContext<InboxHub> hub, ILogger<LiveFeedHubRelay> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(change =>
        {
            if (!change.FromOtherNode)
            {
                _ = SendAsync(change);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task SendAsync(InboxChange change)
    {
        try
        {
            await hub.Clients.All.SendAsync(InboxHub.ChangeEvent, new HubChange(change.ConversationId, change.Kind.ToString(), change.MessageId));
        }
        catch (Exception exception)
        {
            LogSendFailed(exception, change.ConversationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push a change to conversation {ConversationId} to hub clients")]
    private partial void LogSendFailed(Exception exception, long conversationId);

    /// <summary>What hub clients receive; kinds are MessageAdded, MessageUpdated and ConversationUpdated.</summary>
    public sealed record HubChange(long ConversationId, string Kind, long? MessageId);
}
