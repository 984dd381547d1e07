using Inbox.Core.Meta;
using Inbox.Core.Operations;
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
    ILogger<CustomerSimulator> logger) : WorkerLoop(time, logger)
{
    private sealed record Scene(SimulatorScript Script, string PageId);

    private Scene? _scene;
    private bool _off;
    private long _written;

    // Each round is one customer writing; the first writes at once, so a newcomer does not open an empty inbox.
    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        _scene ??= await PrepareAsync(stoppingToken);
        if (_scene is not { } scene)
        {
            _off = true;
            return false;
        }
        var (customer, line, fromAd) = scene.Script.Message(_written);
        try
        {
            if (scene.Script.Comment(_written) is { } comment)
            {
                // The same person, as Facebook shows them under a post (an app-scoped id, not their PSID).
                await sandbox.CustomerCommentsAsync(scene.PageId, comment.Post.Id, "55" + customer.Psid[2..], customer.Name, comment.Text, stoppingToken, psid: customer.Psid);
            }
            else
            {
                await sandbox.CustomerWritesAsync(scene.PageId, customer.Psid, line, customer.Name, stoppingToken, fromAd: fromAd);
            }
        }
        catch (HttpRequestException exception)
        {
            // One customer not getting through is no fault of the worker's: the next one writes as planned.
            LogFailed(exception, customer.Name);
        }
        _written++;
        return false;
    }

    protected override async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        if (_off)
        {
            return false;
        }
        await Task.Delay(TimeSpan.FromMinutes(1) / demo.Value.Simulator.MessagesPerMinute, Time, stoppingToken);
        return true;
    }

    // Null when there is nothing to simulate: not in demo mode, turned off, without the sandbox, or without a Page.
    private async Task<Scene?> PrepareAsync(CancellationToken stoppingToken)
    {
        if (!demo.Value.Enabled || demo.Value.Simulator.MessagesPerMinute <= 0)
        {
            return null;
        }
        if (meta.Value.Sandbox.Enabled != true)
        {
            LogNeedsSandbox();
            return null;
        }
        // The deliveries go over HTTP to our own webhook, so wait until the server listens (or never, if it fails to).
        await WhenStartedAsync(stoppingToken);
        var script = await SimulatorScript.LoadAsync(demo.Value.SeedPath, stoppingToken);
        var connected = await pages.ListAsync(stoppingToken);
        if (connected.Count == 0)
        {
            return null;
        }
        var pageId = connected[0].Id;
        foreach (var post in script.Posts ?? [])
        {
            await sandbox.AddPostAsync(pageId, post.Id, post.Message, stoppingToken);
        }
        return new Scene(script, pageId);
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
