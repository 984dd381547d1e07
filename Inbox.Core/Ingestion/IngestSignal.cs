using System.Threading.Channels;

namespace Inbox.Core.Ingestion;

/// <summary>Wakes the ingest worker when deliveries have been stored; many pulses while it works collapse into one.</summary>
public sealed class IngestSignal
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await _pulses.Reader.ReadAsync(cancellationToken);
}
