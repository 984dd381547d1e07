using Inbox.Core.Live;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Outbox;

/// <summary>
/// Sends outbox replies one at a time, in order. A transient error (rate limit, Meta's temporary errors, 5xx,
/// timeout) is retried with exponential back-off and jitter; any other error fails the reply with Meta's text.
/// </summary>
public sealed partial class SendWorker(
    OutboxStore outbox, PageStore pages, GraphClient graph, LiveFeed feed, SendSignal signal, TimeProvider time, ILogger<SendWorker> logger)
    : BackgroundService
{
    public const int MaxAttempts = 6;

    /// <summary>Why a reply failed when Meta refused the Page's token (code 190), in the current language.</summary>
    public static string DisconnectedReason => CoreText.Get<SendWorker>("DisconnectedReason");

    /// <summary>Why a reply failed when the Page has no token at all (also code 190), in the current language.</summary>
    public static string NoAccessTokenReason => CoreText.Get<SendWorker>("NoAccessToken");

    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_longestRetry = TimeSpan.FromMinutes(5);

    // Pages Meta is rate limiting, and until when: their other replies wait too instead of adding to the limit.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var message in await outbox.DueAsync(50, stoppingToken))
            {
                try
                {
                    await SendAsync(message, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Whatever went wrong, the reply is kept for a later attempt and the worker goes on.
                    LogUnexpected(exception, message.Id);
                    await outbox.MarkRetryAsync(message.Id, message.SendAttempts + 1, time.GetUtcNow() + Backoff(message.SendAttempts + 1), "Retrying after an internal error.", stoppingToken);
                }
            }
            await WaitForWorkAsync(stoppingToken);
        }
    }

    // Until a new reply is written or the earliest retry falls due, whichever comes first.
    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        var nextDue = await outbox.NextDueAtAsync(stoppingToken);
        if (nextDue is { } due && due <= time.GetUtcNow())
        {
            return;
        }
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var pulse = signal.WaitAsync(wake.Token);
        var timer = nextDue is { } at ? Task.Delay(at - time.GetUtcNow(), time, wake.Token) : Task.Delay(Timeout.Infinite, wake.Token);
        await Task.WhenAny(pulse, timer);
        await wake.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var attempts = message.SendAttempts + 1;
        if (await pages.IsDisconnectedAsync(message.PageId, cancellationToken))
        {
            await FailAsync(message, attempts, DisconnectedReason, "190", cancellationToken);
            return;
        }
        if (_pausedUntil.TryGetValue(message.PageId, out var paused) && paused > time.GetUtcNow())
        {
            // Not an attempt: the reply simply waits for the Page's pause to end.
            await outbox.MarkRetryAsync(message.Id, message.SendAttempts, paused, "Waiting: Meta asked this Page to slow down.", cancellationToken);
            return;
        }
        var token = await pages.AccessTokenAsync(message.PageId, cancellationToken);
        if (token is null)
        {
            await FailAsync(message, attempts, NoAccessTokenReason, "190", cancellationToken);
            return;
        }

        var result = await graph.SendTextAsync(
            message.PageId, token, message.Psid, message.Text, message.ClientId, Storage.JsonList.FromJson(message.QuickRepliesJson), message.MessageTag, cancellationToken);
        if (result.Succeeded)
        {
            if (await outbox.MarkSentAsync(message, result.MessageId!, cancellationToken))
            {
                feed.Publish(new InboxChange(message.ConversationId, InboxChangeKind.MessageUpdated, message.Id));
            }
            return;
        }

        var error = result.Error!;
        if (error.IsTokenInvalid)
        {
            // Nothing more goes out for this Page until an admin connects it again.
            await pages.MarkDisconnectedAsync(message.PageId, error.ToString(), cancellationToken);
            LogDisconnected(message.PageId);
            await FailAsync(message, attempts, DisconnectedReason, "190", cancellationToken);
            return;
        }
        if (error.IsTransient && attempts < MaxAttempts)
        {
            var wait = Backoff(attempts);
            if (error.IsRateLimit && error.RegainAccessAfter is { } regain)
            {
                // Meta said how long: wait that long (with jitter, so queued replies do not all return at once).
                wait = regain + regain * (Random.Shared.NextDouble() * 0.1);
            }
            var next = time.GetUtcNow() + wait;
            if (error.IsRateLimit)
            {
                _pausedUntil[message.PageId] = next;
            }
            LogRetry(message.Id, attempts, error);
            var why = error.IsRateLimit ? $"Meta asked this Page to slow down; trying again at {next:HH:mm:ss} UTC." : $"Retrying: {error.Message}";
            await outbox.MarkRetryAsync(message.Id, attempts, next, why, cancellationToken);
            feed.Publish(new InboxChange(message.ConversationId, InboxChangeKind.MessageUpdated, message.Id));
            return;
        }
        var failure = SendFailure.Explain(error, attempts);
        await FailAsync(message, attempts, failure.Reason, failure.Code, cancellationToken);
    }

    private async Task FailAsync(OutboundMessage message, int attempts, string reason, string code, CancellationToken cancellationToken)
    {
        LogFailed(message.Id, reason);
        await outbox.MarkFailedAsync(message.Id, attempts, reason, code, cancellationToken);
        feed.Publish(new InboxChange(message.ConversationId, InboxChangeKind.MessageUpdated, message.Id));
    }

    /// <summary>2 s, 4 s, 8 s... up to 5 minutes, each with up to 50% random jitter so retries do not arrive in step.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var exponential = s_firstRetry * Math.Pow(2, attempt - 1);
        var capped = exponential < s_longestRetry ? exponential : s_longestRetry;
        return capped + capped * (Random.Shared.NextDouble() * 0.5);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {MessageId} attempt {Attempt} failed transiently ({Error}); retrying")]
    private partial void LogRetry(long messageId, int attempt, GraphError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Meta refused the access token of Page {PageId}: the Page is marked disconnected")]
    private partial void LogDisconnected(string pageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reply {MessageId} hit an unexpected error")]
    private partial void LogUnexpected(Exception exception, long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {MessageId} failed: {Reason}")]
    private partial void LogFailed(long messageId, string reason);
}
