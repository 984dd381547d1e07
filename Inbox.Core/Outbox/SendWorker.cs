using System.Collections.Concurrent;
using Inbox.Core.Meta;
using Inbox.Core.Operations;
using Inbox.Core.Pages;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Outbox;

/// <summary>
/// Sends outbox replies: in order within a conversation, up to eight conversations at once, so one slow call never
/// holds another customer's reply. Each reply is delivered once:
/// <list type="bullet">
/// <item>a reply Meta did not take (rate limit, a paused circuit, a refused connection, Meta's temporary errors) is
/// tried again with back-off for up to <see cref="GiveUpAfter"/>, so an outage of any length ends with the reply sent;</item>
/// <item>a reply Meta may have taken (timeout, a dropped or unreadable answer, a 5xx) waits <see cref="EchoWait"/> for
/// its echo, which carries our id and marks it sent, before it is sent again (Meta:EchoWaitSeconds);</item>
/// <item>a reply Meta accepted but that could not be recorded is recorded again before anything else is sent;</item>
/// <item>anything else Meta refuses fails the reply at once, with Meta's reason in plain words.</item>
/// </list>
/// </summary>
public sealed partial class SendWorker(
    OutboxStore outbox, PageStore pages, GraphClient graph, SendSignal signal, Microsoft.Extensions.Options.IOptions<MetaOptions> meta, TimeProvider time,
    ILogger<SendWorker> logger)
    : WorkerLoop(time, logger)
{
    /// <summary>The attempts a failure's reason names when it is read back in another language.</summary>
    public const int MaxAttempts = 6;

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);
    private const int Parallelism = 8;

    /// <summary>Why a reply failed when Meta refused the Page's token (code 190), in the current language.</summary>
    public static string DisconnectedReason => CoreText.Get<SendWorker>("DisconnectedReason");

    /// <summary>Why a reply failed when the Page has no token at all (also code 190), in the current language.</summary>
    public static string NoAccessTokenReason => CoreText.Get<SendWorker>("NoAccessToken");

    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_longestRetry = TimeSpan.FromMinutes(5);
    private TimeSpan EchoWait => TimeSpan.FromSeconds(meta.Value.EchoWaitSeconds);

    // How long a claim holds a reply: the longest call, and the echo wait after it.
    private TimeSpan Lease => TimeSpan.FromSeconds(meta.Value.GraphTimeoutSeconds + 10) + EchoWait;

    // Pages whose sends met an outage (timeouts, 5xx): the first success brings their waiting replies forward.
    private readonly ConcurrentDictionary<string, bool> _troubledPages = new();
    // Conversations with a call under way (one at a time each, so replies arrive in order), and what went wrong in them.
    private readonly ConcurrentDictionary<long, long> _inFlight = new();
    private readonly ConcurrentQueue<Exception> _failures = new();
    // Replies Meta accepted whose "sent" could not be written (the database was locked, say), with Meta's id.
    private readonly ConcurrentDictionary<long, (OutboundMessage Message, string Mid)> _acceptedNotRecorded = new();

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        // A send that failed in the background (not a refusal: those are settled) is this loop's failure.
        if (_failures.TryDequeue(out var failure))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        foreach (var (message, mid) in _acceptedNotRecorded.Values)
        {
            await outbox.MarkSentAsync(message, mid, stoppingToken);
            _acceptedNotRecorded.TryRemove(message.Id, out _);
        }
        var due = await outbox.DueAsync(Parallelism * 4, stoppingToken);
        foreach (var message in due)
        {
            if (_inFlight.Count >= Parallelism)
            {
                break;
            }
            if (!_acceptedNotRecorded.ContainsKey(message.Id) && _inFlight.TryAdd(message.ConversationId, message.Id))
            {
                _ = SendInBackgroundAsync(message, stoppingToken);
            }
        }
        return false;
    }

    // Calls run beside the loop, so a reply written meanwhile for another conversation goes at once, not after the
    // slowest call of the round. Their end wakes the loop: the conversation's next reply may be due.
    private async Task SendInBackgroundAsync(OutboundMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await SendAsync(message, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            _failures.Enqueue(exception);
        }
        finally
        {
            _inFlight.TryRemove(message.ConversationId, out _);
            signal.Pulse();
        }
    }

    // Until a new reply is written or the earliest retry falls due, whichever comes first.
    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        var nextDue = await outbox.NextDueAtAsync(stoppingToken);
        var wait = nextDue is { } at ? at - Time.GetUtcNow() : TimeSpan.FromMinutes(1);
        if (wait > TimeSpan.Zero)
        {
            await PulseOrTimeoutAsync(signal, wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1), stoppingToken);
        }
        return true;
    }

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (await pages.IsDisconnectedAsync(message.PageId, cancellationToken))
        {
            await FailAsync(message, DisconnectedReason, "190", cancellationToken);
            return;
        }
        // A Page Meta is rate limiting (as any node learnt): its other replies wait too instead of adding to the limit.
        if (await pages.SendsPausedUntilAsync(message.PageId, Time.GetUtcNow(), cancellationToken) is { } paused)
        {
            await outbox.RequeueAsync(message, paused, "Waiting: Meta asked this Page to slow down.", cancellationToken);
            return;
        }
        var token = await pages.AccessTokenAsync(message.PageId, cancellationToken);
        if (token is null)
        {
            await FailAsync(message, NoAccessTokenReason, "190", cancellationToken);
            return;
        }
        if (!await outbox.ClaimAsync(message, Time.GetUtcNow() + Lease, cancellationToken))
        {
            return;
        }
        var attempts = message.SendAttempts + 1;
        var result = await graph.SendTextAsync(
            message.PageId, token, message.Psid, message.Text, message.ClientId, Storage.JsonList.FromJson(message.QuickRepliesJson), message.MessageTag, cancellationToken);
        InboxMetrics.Sends.Add(1, new("result", ResultOf(result.Error)), new("code", result.Error?.Code ?? 0));
        if (result.Succeeded)
        {
            await RecordSentAsync(message, result.MessageId!, cancellationToken);
            if (_troubledPages.TryRemove(message.PageId, out _))
            {
                // Meta is back for this Page: what waited out a long backoff during the trouble goes now.
                var now = Time.GetUtcNow();
                await outbox.BringForwardAsync(message.PageId, now, now + EchoWait, cancellationToken);
            }
            return;
        }
        if (result.Error is { IsTransient: true, IsRateLimit: false } or { OutcomeUnknown: true })
        {
            _troubledPages[message.PageId] = true;
        }
        await SettleRefusalAsync(message, attempts, result.Error!, cancellationToken);
    }

    private static string ResultOf(GraphError? error) => error switch
    {
        null => "sent",
        { IsTokenInvalid: true } => "failed",
        { OutcomeUnknown: true } => "unknown",
        { IsTransient: true } => "retry",
        _ => "failed",
    };

    private async Task RecordSentAsync(OutboundMessage message, string mid, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.MarkSentAsync(message, mid, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Meta has it: sending it again would reach the customer twice. Remembered and recorded on the next round.
            _acceptedNotRecorded[message.Id] = (message, mid);
            LogNotRecorded(exception, message.Id);
            throw;
        }
    }

    private async Task SettleRefusalAsync(OutboundMessage message, int attempts, GraphError error, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        if (error.IsTokenInvalid)
        {
            // Nothing more goes out for this Page until an admin connects it again.
            await pages.MarkDisconnectedAsync(message.PageId, Pages.TokenProblem.KindOf(error), error.ToString(), cancellationToken);
            LogDisconnected(message.PageId);
            await FailAsync(message, DisconnectedReason, "190", cancellationToken);
        }
        else if (error.OutcomeUnknown && now - message.WrittenAt < GiveUpAfter)
        {
            // Meta may have it: its echo is awaited before it is sent again, longer after each attempt, since answers
            // that say nothing (timeouts, 502s) are what a Meta outage looks like, and an outage can last an hour.
            LogUnknown(message.Id, attempts, error);
            var backoff = Backoff(attempts);
            var next = now + (backoff > EchoWait ? backoff : EchoWait);
            await outbox.MarkUnknownAsync(message, next, $"Meta did not confirm ({error.Message}); waiting for its confirmation before sending again.", cancellationToken);
        }
        else if (error.IsTransient && !error.OutcomeUnknown && now - message.WrittenAt < GiveUpAfter)
        {
            var next = now + (error.RegainAccessAfter ?? Backoff(attempts));
            if (error.IsCircuitOpen)
            {
                next = now + TimeSpan.FromSeconds(meta.Value.CircuitBreakSeconds);
            }
            else if (error.IsRateLimit)
            {
                // Meta said how long when it says so: wait that long, with jitter so queued replies do not all return at once.
                next = error.RegainAccessAfter is { } regain ? now + regain + regain * (Random.Shared.NextDouble() * 0.1) : next;
                await pages.PauseSendsAsync(message.PageId, next, cancellationToken);
            }
            LogRetry(message.Id, attempts, error);
            var why = error.IsRateLimit ? $"Meta asked this Page to slow down; trying again at {next:HH:mm:ss} UTC." : $"Retrying: {error.Message}";
            await outbox.RequeueAsync(message, next, why, cancellationToken);
        }
        else
        {
            var failure = SendFailure.Explain(error, attempts);
            await FailAsync(message, failure.Reason, failure.Code, cancellationToken);
        }
    }

    private async Task FailAsync(OutboundMessage message, string reason, string code, CancellationToken cancellationToken)
    {
        LogFailed(message.Id, reason);
        await outbox.MarkFailedAsync(message, reason, code, cancellationToken);
    }

    /// <summary>2 s, 4 s, 8 s... up to 5 minutes, each with up to 50% random jitter so retries do not arrive in step.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var exponential = s_firstRetry * Math.Pow(2, Math.Min(attempt, 16) - 1);
        var capped = exponential < s_longestRetry ? exponential : s_longestRetry;
        return capped + capped * (Random.Shared.NextDouble() * 0.5);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {MessageId} attempt {Attempt} failed transiently ({Error}); retrying")]
    private partial void LogRetry(long messageId, int attempt, GraphError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {MessageId} attempt {Attempt} has an unknown outcome ({Error}); waiting for its echo")]
    private partial void LogUnknown(long messageId, int attempt, GraphError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Meta accepted reply {MessageId} but it could not be recorded; it is recorded again, never re-sent")]
    private partial void LogNotRecorded(Exception exception, long messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Meta refused the access token of Page {PageId}: the Page is marked disconnected")]
    private partial void LogDisconnected(string pageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {MessageId} failed: {Reason}")]
    private partial void LogFailed(long messageId, string reason);
}
