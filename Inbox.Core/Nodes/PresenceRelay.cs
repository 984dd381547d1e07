using Inbox.Core.Live;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Nodes;

/// <summary>
/// Tells the other nodes who has which conversation open and who is typing here: at once on every change, and every
/// <see cref="ReportEvery"/> in any case. A node not heard from for <see cref="SilenceMeansGone"/> is taken to be
/// down, and its tabs leave every list.
/// </summary>
public sealed class PresenceRelay(PresenceTracker presence, NodeBus bus, TimeProvider time, ILogger<PresenceRelay> logger)
    : WorkerLoop(time, logger)
{
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan SilenceMeansGone = TimeSpan.FromSeconds(7);
    private const string Channel = "presence";
    private readonly CancellationTokenSource _stopping = new();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await bus.SubscribeAsync<List<SessionState>>(Channel, presence.ReplaceOtherNode, _stopping.Token);
        presence.LocalChanged += Report;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        presence.LocalChanged -= Report;
        // Leaving: the others drop this node's tabs now rather than after the silence.
        bus.Publish(Channel, new List<SessionState>());
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    protected override Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        Report();
        presence.ForgetSilentNodes(SilenceMeansGone);
        return Task.FromResult(false);
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(ReportEvery, Time, stoppingToken);
        return true;
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    private void Report() => bus.Publish(Channel, presence.LocalSessions());
}
