using System.Threading.Channels;

namespace Inbox.Core.Contacts;

/// <summary>Wakes the profile worker when contacts without a name may have arrived.</summary>
public sealed class ProfileSignal
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await _pulses.Reader.ReadAsync(cancellationToken);
}
