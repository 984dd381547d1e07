using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Operations;

/// <summary>
/// The one way a background worker runs: a round of work, then a wait for more. An exception in either is logged
/// with the worker's name, the loop backs off (1 s, 2 s, 4 s … 60 s) and goes on; only shutdown ends it. A failing
/// worker therefore never stops the host (an HttpClient timeout is an exception like any other here), and what it
/// is doing is visible in <see cref="Status"/> for /healthz/ready and the System page.
/// </summary>
public abstract partial class WorkerLoop(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan s_longestPause = TimeSpan.FromSeconds(60);

    /// <summary>What the worker is doing now, and how its last rounds went.</summary>
    public WorkerStatus Status { get; } = new(time);

    /// <summary>The clock every worker reads, so tests can move it.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The worker's name in logs, metrics and health reports.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>How long one round may take before the worker is reported as stalled.</summary>
    public virtual TimeSpan LongestRound => TimeSpan.FromMinutes(2);

    /// <summary>One round of work; returns true when more is waiting, so the next round starts without a wait.</summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken stoppingToken);

    /// <summary>Waits until there may be work; returns false when the worker is done for good.</summary>
    protected abstract Task<bool> WaitForWorkAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host starts every worker in turn: the first await must not be deep inside a worker's first round.
        await Task.Yield();
        var failures = 0;
        try
        {
            while (true)
            {
                try
                {
                    Status.Working();
                    var more = await RunOnceAsync(stoppingToken);
                    Status.Succeeded();
                    failures = 0;
                    if (!more && !await WaitForWorkAsync(stoppingToken))
                    {
                        Status.Off();
                        return;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    failures++;
                    var pause = Pause(failures);
                    Status.Failed(exception);
                    InboxMetrics.WorkerFailures.Add(1, new KeyValuePair<string, object?>("worker", Name));
                    LogRoundFailed(logger, exception, Name, failures, pause.TotalSeconds);
                    await Task.Delay(pause, Time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Status.Stopped();
        }
    }

    /// <summary>1 s after the first failure, doubling up to a minute, so a broken dependency is not hammered.</summary>
    public static TimeSpan Pause(int failures) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failures, 16) - 1), s_longestPause.TotalSeconds));

    /// <summary>Waits for a pulse, or at most <paramref name="safetyNet"/> (work written by another process has no pulse).</summary>
    protected static async Task<bool> PulseOrTimeoutAsync(WakeSignal signal, TimeSpan safetyNet, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(safetyNet);
        try
        {
            await signal.WaitAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {Worker} failed ({Failures} in a row); it goes on in {PauseSeconds} s")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string worker, int failures, double pauseSeconds);
}
