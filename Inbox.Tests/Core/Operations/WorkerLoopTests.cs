using Inbox.Core.Operations;
using Inbox.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Core.Operations;

/// <summary>The one loop every worker runs in: a failure is logged, paused on and survived; only shutdown ends it.</summary>
public sealed class WorkerLoopTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_round_that_throws_pauses_and_the_worker_goes_on()
    {
        using var worker = new FlakyWorker(_time, failures: 3);
        await worker.StartAsync(CancellationToken.None);

        // The clock moves on in small steps until the pauses (1 s, 2 s, 4 s) are over and a round succeeds.
        await Eventually.TrueAsync(() => Task.FromResult(AdvanceThen(() => worker.Succeeded)), "a round to succeed after the failures");

        Assert.False(worker.ExecuteTask!.IsCompleted);
        Assert.Equal(3, worker.Status.Now.Failures);
        Assert.Equal(0, worker.Status.Now.FailuresInARow);
        Assert.Contains("IOException: disk full", worker.Status.Now.LastError, StringComparison.Ordinal);
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(WorkerState.Stopped, worker.Status.Now.State);
    }

    [Fact]
    public async Task A_timeout_inside_a_round_is_a_failure_like_any_other_not_a_stop()
    {
        using var worker = new FlakyWorker(_time, failures: 1, failWith: new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"));
        await worker.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => Task.FromResult(AdvanceThen(() => worker.Succeeded)), "the worker to go on");

        Assert.False(worker.ExecuteTask!.IsCompleted);
        await worker.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void Pauses_double_up_to_a_minute(int failures, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), WorkerLoop.Pause(failures));

    private bool AdvanceThen(Func<bool> condition)
    {
        _time.Advance(TimeSpan.FromMilliseconds(250));
        return condition();
    }

    private sealed class FlakyWorker(TimeProvider time, int failures, Exception? failWith = null) : WorkerLoop(time, NullLogger.Instance)
    {
        private int _rounds;

        public bool Succeeded { get; private set; }

        protected override Task<bool> RunOnceAsync(CancellationToken stoppingToken)
        {
            if (++_rounds <= failures)
            {
                throw failWith ?? new IOException("disk full");
            }
            Succeeded = true;
            return Task.FromResult(false);
        }

        protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
            return true;
        }
    }
}
