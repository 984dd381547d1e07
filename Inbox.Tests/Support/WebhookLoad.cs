using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Inbox.Tests.Support;

/// <summary>
/// Customers writing at a steady rate, as Meta delivers: 32 senders, each delivery to the next of the given nodes. A
/// request cut by a killed server is simply not acknowledged; only deliveries answered 200 count as acknowledged.
/// </summary>
public static class WebhookLoad
{
    private const int Senders = 32;

    /// <param name="delivery">The mid and body of a sender's i-th delivery.</param>
    public static Task StartAsync(
        IReadOnlyList<string> nodes, int rate, Func<int, int, (string Mid, byte[] Body)> delivery, ConcurrentBag<string> acknowledged,
        Action? sent, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds((double)Senders / rate);
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 100_000; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var (mid, body) = delivery(sender, i);
                sent?.Invoke();
                try
                {
                    using var response = await SignedWebhook.PostAsync(client, nodes[(sender + i) % nodes.Count], body);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add(mid);
                    }
                }
                catch (HttpRequestException)
                {
                    // The server is gone: keep trying until the load ends, as Meta would.
                }
                var wait = interval - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, CancellationToken.None);
                }
            }
        }, CancellationToken.None))).ContinueWith(_ => client.Dispose(), TaskScheduler.Default);
    }
}
