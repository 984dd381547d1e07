using System.Threading.Channels;

namespace Inbox.Core;

/// <summary>
/// Wakes a background worker when there is work for it. Pulses while it is busy collapse into one, so a burst of
/// work costs one extra pass, never a queue of wake-ups. Each worker has its own subclass, for injection.
/// </summary>
public abstract class WakeSignal
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await _pulses.Reader.ReadAsync(cancellationToken);
}
