using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Inbox.Web.Sandbox;

/// <summary>This app's own loopback address, for the sandbox and simulator that call it over real HTTP.</summary>
public sealed class SelfUrl(IServer server, IHostApplicationLifetime lifetime)
{
    /// <summary>Completes once the server listens (at once when it does already).</summary>
    public Task ListeningAsync(CancellationToken cancellationToken) =>
        lifetime.ApplicationStarted.IsCancellationRequested ? Task.CompletedTask : WaitAsync(lifetime.ApplicationStarted, cancellationToken);

    private static async Task WaitAsync(CancellationToken started, CancellationToken cancellationToken)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = started.Register(() => listening.TrySetResult());
        await listening.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The address, once the server listens; throws <see cref="InvalidOperationException"/> before.</summary>
    public string Value
    {
        get
        {
            // The configured addresses are known before the server has bound them (port 0 not yet chosen, or nothing
            // accepting yet): a call made then would be refused. Graph calls wait for ListeningAsync first.
            if (!lifetime.ApplicationStarted.IsCancellationRequested)
            {
                throw new InvalidOperationException("The app is not listening yet.");
            }
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The app is not listening on any address.");
            // A wildcard binding is reached through loopback.
            return address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .TrimEnd('/');
        }
    }
}
