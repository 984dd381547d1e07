using System.Globalization;
using System.Net;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// <c>bench tabs</c>: holds tabs open on a running instance as the demo agent, speaking the Blazor Server protocol
/// (<see cref="BlazorTab"/>), until stopped. A team's other tabs cost the server as much as real ones, but each agent's
/// browser draws on the agent's own machine: with these beside it, one real browser tab on this machine shows what a
/// screen sees while the server carries the team (<c>bench/ui-bench.mjs --hold-tabs</c>).
/// </summary>
internal static class HeldTabs
{
    public static async Task RunAsync(TextWriter output, Uri url, int count, TimeSpan duration, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = url };
        await CircuitsBench.SignInAsync(browser, cancellationToken);
        var tabs = new List<BlazorTab>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                tabs.Add(await BlazorTab.OpenAsync(browser, url, cookies, (_, _) => { }, cancellationToken));
            }
            // The line a driving script waits for.
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"holding {count} tabs on {url}"));
            await output.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(duration, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopped by Ctrl+C or SIGINT: the tabs close below.
            }
            var failed = tabs.Where(tab => tab.Error is not null).ToList();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"held {count} tabs: {tabs.Sum(tab => tab.Batches):N0} render batches, {failed.Count} circuits failed{(failed.Count > 0 ? $", the first with: {failed[0].Error}" : "")}"));
        }
        finally
        {
            foreach (var tab in tabs)
            {
                await tab.DisposeAsync();
            }
        }
    }
}
