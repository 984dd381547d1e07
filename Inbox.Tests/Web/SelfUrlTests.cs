using Inbox.Web.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web;

public sealed class SelfUrlTests
{
    // Kestrel lists the configured address (port 0 here) before it has bound it. A start-up worker that called the
    // sandbox in that moment was refused, and the refusals opened the Graph circuit for the first seconds of a run:
    // Graph calls to the sandbox now wait until the server listens.
    [Fact]
    public async Task The_address_is_given_only_once_the_server_listens()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<SelfUrl>();
        await using var app = builder.Build();
        var self = app.Services.GetRequiredService<SelfUrl>();
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Add("http://127.0.0.1:0");

        var before = Assert.Throws<InvalidOperationException>(() => self.Value);
        Assert.Contains("not listening yet", before.Message, StringComparison.Ordinal);
        var listening = self.ListeningAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(listening.IsCompleted);

        await app.StartAsync();
        await listening.WaitAsync(TimeSpan.FromSeconds(10));
        var address = new Uri(self.Value);
        Assert.NotEqual(0, address.Port);
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri(address, "/nothing-here"))).StatusCode);
        await app.StopAsync();
    }
}
