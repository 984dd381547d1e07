using Inbox.Core.Live;
using Microsoft.Extensions.Hosting;

namespace Inbox.Core.Nodes;

/// <summary>
/// Makes the <see cref="LiveFeed"/> span every node: what this node commits goes to the others, and what they commit
/// is published here, marked <see cref="InboxChange.FromOtherNode"/>. Every open tab, on any node, sees every change.
/// </summary>
public sealed class ChangeRelay(LiveFeed feed, NodeBus bus) : IHostedService, IDisposable
{
    private const string Channel = "changes";
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _local;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await bus.SubscribeAsync<InboxChange>(Channel, (_, change) => feed.Publish(change with { FromOtherNode = true }), _stopping.Token);
        _local = feed.Subscribe(change =>
        {
            if (!change.FromOtherNode)
            {
                bus.Publish(Channel, change);
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
    }
}
