using Inbox.Core.Meta;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Core.Pages;

/// <summary>
/// Asks Meta once a day whether each connected Page's token still works (<c>/debug_token</c>), so a password change or
/// a removed app is known before a customer waits on a reply that cannot go out; and which permissions it still has,
/// so Settings names what is off; and which webhook fields the app is subscribed to. Sends that meet a 190 mark the Page at once, without waiting for the check.
/// </summary>
public sealed partial class TokenHealth(PageStore pages, GraphClient graph, IOptions<MetaOptions> meta, TimeProvider time, ILogger<TokenHealth> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Checks the Pages due for a check (claimed, so one node checks each); returns how many.</summary>
    public async Task<int> CheckDueAsync(CancellationToken cancellationToken)
    {
        var due = await pages.ClaimTokenChecksAsync(Interval, cancellationToken);
        foreach (var pageId in due)
        {
            await CheckAsync(pageId, cancellationToken);
        }
        return due.Count;
    }

    public async Task CheckAsync(string pageId, CancellationToken cancellationToken)
    {
        if (await pages.AccessTokenAsync(pageId, cancellationToken) is not { } token)
        {
            return;
        }
        var (check, error) = await graph.DebugTokenAsync(token, $"{meta.Value.AppId}|{meta.Value.AppSecret}", cancellationToken);
        if (check is null)
        {
            // Meta unreachable or refusing the app itself: nothing is known about the Page; the next look asks again.
            LogCheckFailed(pageId, error);
            await pages.ReleaseTokenCheckAsync(pageId, cancellationToken);
            return;
        }
        var expired = check.ExpiresAt > 0 && check.ExpiresAt <= time.GetUtcNow().ToUnixTimeSeconds();
        if (!check.IsValid || expired)
        {
            var kind = expired ? TokenProblem.Expired : TokenProblem.KindOf(check.ErrorSubcode);
            await pages.MarkDisconnectedAsync(pageId, kind, check.ErrorMessage ?? kind, cancellationToken);
            LogRefused(pageId, kind);
            return;
        }
        await pages.SetDeclinedPermissionsAsync(pageId, [.. FacebookLogin.Permissions.Where(p => !check.Scopes.Contains(p))], cancellationToken);
        // The subscription can be removed on Facebook's side too: Settings shows it as Meta has it, not as Inbox left it.
        var (fields, subscriptionError) = await graph.GetSubscribedFieldsAsync(pageId, token, meta.Value.AppId, cancellationToken);
        if (subscriptionError is null)
        {
            await pages.SetWebhookFieldsAsync(pageId, fields is { Count: > 0 } ? fields : null, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meta no longer accepts the token of Page {PageId} ({Kind}); an admin must connect it again")]
    private partial void LogRefused(string pageId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "The token check of Page {PageId} got no answer ({Error}); trying again in ten minutes")]
    private partial void LogCheckFailed(string pageId, GraphError? error);
}

/// <summary>Runs <see cref="TokenHealth"/> for the Pages due, looking every ten minutes.</summary>
public sealed class TokenHealthWorker(TokenHealth health, TimeProvider time, ILogger<TokenHealthWorker> logger) : WorkerLoop(time, logger)
{
    private static readonly TimeSpan s_look = TimeSpan.FromMinutes(10);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await health.CheckDueAsync(stoppingToken);
        return false;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(s_look, Time, stoppingToken);
        return true;
    }
}
