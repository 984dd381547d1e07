using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Inbox.Web.Sandbox;

/// <summary>This app's own loopback address, for the sandbox and simulator that call it over real HTTP.</summary>
public sealed class SelfUrl(IServer server)
{
    public string Value
    {
        get
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The app is not listening on any address yet.");
            // A wildcard binding is reached through loopback.
            return address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .TrimEnd('/');
        }
    }
}
