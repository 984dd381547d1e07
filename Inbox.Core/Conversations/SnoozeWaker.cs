using Microsoft.Extensions.Hosting;

namespace Inbox.Core.Conversations;

/// <summary>Reopens snoozed conversations when their time comes (checked every 15 seconds).</summary>
public sealed class SnoozeWaker(ConversationWorkflow workflow, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(15), time);
        try
        {
            do
            {
                await workflow.WakeSnoozedAsync(stoppingToken);
            }
            while (await ticker.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
