using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Inbox.Web.Sandbox;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Demo;

/// <summary>
/// In demo mode, scripted customers write in at a gentle pace (Demo:Simulator:MessagesPerMinute; 0 turns it off),
/// as signed HTTP deliveries to this app's own webhook, so a newcomer sees live traffic.
/// </summary>
public sealed partial class CustomerSimulator(
    IOptions<DemoOptions> demo,
    IOptions<MetaOptions> meta,
    SandboxGraph sandbox,
    PageStore pages,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<CustomerSimulator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var perMinute = demo.Value.Simulator.MessagesPerMinute;
        if (!demo.Value.Enabled || perMinute <= 0)
        {
            return;
        }
        if (meta.Value.Sandbox.Enabled != true)
        {
            LogNeedsSandbox();
            return;
        }
        // The deliveries go over HTTP to our own webhook, so wait until the server listens (or never, if it fails to).
        try
        {
            await WhenStartedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var script = await SimulatorScript.LoadAsync(demo.Value.SeedPath, stoppingToken);
        var connected = await pages.ListAsync(stoppingToken);
        if (connected.Count == 0)
        {
            return;
        }
        var pageId = connected[0].Id;
        foreach (var post in script.Posts ?? [])
        {
            await sandbox.AddPostAsync(pageId, post.Id, post.Message, stoppingToken);
        }

        var interval = TimeSpan.FromMinutes(1) / perMinute;
        // The first customer writes at once, so a newcomer does not open an empty inbox.
        for (long n = 0; !stoppingToken.IsCancellationRequested; n++)
        {
            var (customer, line, fromAd) = script.Message(n);
            try
            {
                if (script.Comment(n) is { } comment)
                {
                    // The same person, as Facebook shows them under a post (an app-scoped id, not their PSID).
                    await sandbox.CustomerCommentsAsync(pageId, comment.Post.Id, "55" + customer.Psid[2..], customer.Name, comment.Text, stoppingToken);
                }
                else
                {
                    await sandbox.CustomerWritesAsync(pageId, customer.Psid, line, customer.Name, stoppingToken, fromAd: fromAd);
                }
            }
            catch (HttpRequestException exception)
            {
                LogFailed(exception, customer.Name);
            }
            await Task.Delay(interval, time, stoppingToken);
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo customer simulator needs the sandbox Graph API (Meta:Sandbox:Enabled); it is off")]
    private partial void LogNeedsSandbox();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulated customer {Name} could not deliver a message")]
    private partial void LogFailed(Exception exception, string name);
}
