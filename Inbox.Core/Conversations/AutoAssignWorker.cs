using System.Threading.Channels;
using Inbox.Core.Live;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Conversations;

/// <summary>Hands each conversation a customer writes in to the <see cref="AutoAssigner"/>, off the ingest path.</summary>
public sealed class AutoAssignWorker : WorkerLoop
{
    private readonly AutoAssigner _assigner;
    private readonly Channel<long> _arrived = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDisposable _subscription;

    public AutoAssignWorker(LiveFeed feed, AutoAssigner assigner, TimeProvider time, ILogger<AutoAssignWorker> logger) : base(time, logger)
    {
        _assigner = assigner;
        _subscription = feed.Subscribe(change =>
        {
            // The node that stored the message assigns it: two nodes choosing at once could pick two people.
            if (change.Kind == InboxChangeKind.MessageAdded && !change.FromOtherNode)
            {
                _arrived.Writer.TryWrite(change.ConversationId);
            }
        });
    }

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        while (_arrived.Reader.TryPeek(out var conversationId))
        {
            await _assigner.AssignAsync(conversationId, stoppingToken);
            // Taken off only once assigned: after a failure the loop backs off and tries the same conversation again.
            _arrived.Reader.TryRead(out _);
        }
        return false;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken) => await _arrived.Reader.WaitToReadAsync(stoppingToken);

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }
}
