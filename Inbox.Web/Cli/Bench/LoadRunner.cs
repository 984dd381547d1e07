using System.Diagnostics;
using System.Net.Http.Headers;

namespace Inbox.Web.Cli.Bench;

/// <summary>Sends signed deliveries over loopback, closed-loop (as fast as it can) or open-loop (a fixed rate).</summary>
public sealed class LoadRunner(HttpClient http, Uri target, DeliveryFactory deliveries)
{
    /// <summary>Each worker sends, waits for the answer, and sends again, for the given time.</summary>
    public async Task<LatencyStats> MaxThroughputAsync(int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (await PostAsync(deliveries.Next(1000), cancellationToken))
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return LatencyStats.From([.. latencies.SelectMany(l => l)], errors, clock.Elapsed);
    }

    /// <summary>
    /// Requests start on a fixed schedule whatever the answers do, and latency counts from the scheduled start, so a
    /// stall shows up in the percentiles instead of silently slowing the sender.
    /// </summary>
    public async Task<LatencyStats> FixedRateAsync(int perSecond, TimeSpan duration, int distinctCustomers, Action<string, long>? onSent, CancellationToken cancellationToken)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var latencies = new double[total];
        var ok = new bool[total];
        var tickPerRequest = Stopwatch.Frequency / (double)perSecond;
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            var scheduled = start + (long)(i * tickPerRequest);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }
            var index = i;
            var delivery = deliveries.Next(distinctCustomers);
            onSent?.Invoke(delivery.Psid, scheduled);
            inFlight.Add(Task.Run(async () =>
            {
                ok[index] = await PostAsync(delivery, cancellationToken);
                latencies[index] = Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
            }, cancellationToken));
        }
        await Task.WhenAll(inFlight);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return LatencyStats.From([.. latencies.Where((_, i) => ok[i])], ok.Count(o => !o), elapsed);
    }

    private async Task<bool> PostAsync((byte[] Body, string Signature, string Psid) delivery, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(delivery.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(Inbox.Core.Meta.WebhookSignature.HeaderName, delivery.Signature);
        try
        {
            using var response = await http.PostAsync(target, content, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
