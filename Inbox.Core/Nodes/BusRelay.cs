using Microsoft.Extensions.Hosting;

namespace Inbox.Core.Nodes;

/// <summary>
/// The one way a node-local notice is made to span the nodes: what this node raises goes to the others over
/// <see cref="NodeBus"/>, and what they raise is raised here, marked as from another node so it is not sent back.
/// </summary>
public abstract class BusRelay<T>(NodeBus bus, string channel) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _local;

    /// <summary>Calls <paramref name="forward"/> with every notice raised on this node; disposing stops it.</summary>
    protected abstract IDisposable SubscribeLocal(Action<T> forward);

    /// <summary>Raises, on this node, a notice another node raised.</summary>
    protected abstract void RaiseFromOtherNode(T notice);

    protected abstract bool IsFromOtherNode(T notice);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await bus.SubscribeAsync<T>(channel, (_, notice) => RaiseFromOtherNode(notice), _stopping.Token);
        _local = SubscribeLocal(notice =>
        {
            if (!IsFromOtherNode(notice))
            {
                bus.Publish(channel, notice);
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _local?.Dispose();
        await _stopping.CancelAsync();
    }

    public void Dispose()
    {
        _local?.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
