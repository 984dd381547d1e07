using System.Threading.Channels;
using Inbox.Core.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Conversations;

/// <summary>Hands each conversation a customer writes in to the <see cref="AutoAssigner"/>, off the ingest path.</summary>
public sealed partial class AutoAssignWorker(LiveFeed feed, AutoAssigner assigner, ILogger<AutoAssignWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var arrived = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = feed.Subscribe(change =>
        {
            if (change.Kind == InboxChangeKind.MessageAdded)
            {
                arrived.Writer.TryWrite(change.ConversationId);
            }
        });
        await foreach (var conversationId in arrived.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await assigner.AssignAsync(conversationId, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception, conversationId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automatic assignment of conversation {ConversationId} failed")]
    private partial void LogFailed(Exception exception, long conversationId);
}
