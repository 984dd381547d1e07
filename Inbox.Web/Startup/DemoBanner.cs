using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Inbox.Web.Startup;

/// <summary>Tells a newcomer where the app is and how to sign in, once it is listening.</summary>
public static class DemoBanner
{
    public static void PrintWhenStarted(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine($"  Inbox is running at {addresses.FirstOrDefault() ?? "(no address)"}");
            if (app.Services.GetRequiredService<DemoSignIn>().Admin is { } admin)
            {
                Console.WriteLine($"  Demo sign-in: {admin.Email} / {admin.Password}");
                Console.WriteLine("  (demo mode; turn it off with Demo__Enabled=false)");
            }
            Console.WriteLine();
        });
    }
}
