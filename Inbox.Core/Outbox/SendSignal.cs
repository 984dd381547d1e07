using System.Threading.Channels;

namespace Inbox.Core.Outbox;

/// <summary>Wakes the send worker when a reply has been written to the outbox.</summary>
public sealed class SendSignal
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await _pulses.Reader.ReadAsync(cancellationToken);
}
