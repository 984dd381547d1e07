namespace Inbox.Web.Cli.Bench;

/// <summary>
/// The yardstick: a Kestrel endpoint on loopback that reads the body and answers 200, with no signature check and
/// no storage. Inbox's webhook is reported as a ratio of it, so the numbers travel between machines.
/// </summary>
public sealed class BareServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<BareServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Text("EVENT_RECEIVED");
        });
        await app.StartAsync(cancellationToken);
        return new BareServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
