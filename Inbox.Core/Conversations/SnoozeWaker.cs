using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Conversations;

/// <summary>Reopens snoozed conversations when their time comes (checked every 15 seconds).</summary>
public sealed class SnoozeWaker(ConversationWorkflow workflow, TimeProvider time, ILogger<SnoozeWaker> logger) : WorkerLoop(time, logger)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(15);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await workflow.WakeSnoozedAsync(stoppingToken);
        return false;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(s_interval, Time, stoppingToken);
        return true;
    }
}
