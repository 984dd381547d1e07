using Inbox.Core.Conversations;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Core.SenderActions;

/// <summary>
/// Sends queued sender actions. Only where Meta allows them: inside the 24-hour window, on a connected Page,
/// in a thread this inbox owns. A refusal is logged and forgotten; it must never reach an agent as an error.
/// </summary>
public sealed partial class SenderActionWorker(
    SenderActionQueue queue, ConversationStore conversations, PageStore pages, GraphClient graph, IOptions<MetaOptions> meta, TimeProvider time,
    ILogger<SenderActionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (conversationId, action) in queue.Requests.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(conversationId, action, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception, action, conversationId);
            }
        }
    }

    private async Task SendAsync(long conversationId, string action, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetAsync(conversationId, cancellationToken);
        if (conversation is null
            || MessagingWindow.At(conversation.LastCustomerMessageAt, time.GetUtcNow()) != WindowState.Standard
            || !ThreadOwner.IsOurs(conversation.ThreadOwnerAppId, meta.Value.AppId)
            || await pages.IsDisconnectedAsync(conversation.PageId, cancellationToken)
            || await pages.AccessTokenAsync(conversation.PageId, cancellationToken) is not { } token)
        {
            return;
        }
        if (await graph.SendSenderActionAsync(conversation.PageId, token, conversation.Psid, action, cancellationToken) is { } error)
        {
            LogRefused(action, conversationId, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Meta refused {Action} for conversation {ConversationId}: {Error}")]
    private partial void LogRefused(string action, long conversationId, GraphError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Action} for conversation {ConversationId} failed")]
    private partial void LogFailed(Exception exception, string action, long conversationId);
}
