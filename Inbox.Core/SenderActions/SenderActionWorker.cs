using Inbox.Core.Conversations;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Core.SenderActions;

/// <summary>
/// Sends queued sender actions. Only where Meta allows them: inside the 24-hour window, on a connected Page,
/// in a thread this inbox owns. A refusal is logged and forgotten; it must never reach an agent as an error.
/// </summary>
public sealed partial class SenderActionWorker(
    SenderActionQueue queue, ConversationStore conversations, PageStore pages, GraphClient graph, IOptions<MetaOptions> meta, TimeProvider time,
    ILogger<SenderActionWorker> logger) : WorkerLoop(time, logger)
{
    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        while (queue.Requests.TryRead(out var request))
        {
            await SendAsync(request.ConversationId, request.Action, stoppingToken);
        }
        return false;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken) => await queue.Requests.WaitToReadAsync(stoppingToken);

    private async Task SendAsync(long conversationId, string action, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetAsync(conversationId, cancellationToken);
        if (conversation is null
            || MessagingWindow.At(conversation.LastCustomerMessageAt, Time.GetUtcNow()) != WindowState.Standard
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
}
