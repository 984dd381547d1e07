using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Web.Hubs;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// Webhook-to-client latency: hub clients listen while deliveries arrive at a fixed rate, each from a new customer;
/// the time from a delivery's scheduled send to each client receiving its MessageAdded event is one sample.
/// </summary>
public sealed class PushLatency(HttpClient api, Uri baseUrl, string apiToken)
{
    public async Task<LatencyStats> MeasureAsync(LoadRunner load, string runId, int clients, int perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var hubs = new List<HubClient>(clients);
        var received = new ConcurrentBag<(long ConversationId, long Timestamp)>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                hubs.Add(await HubClient.ConnectAsync(new Uri(baseUrl, InboxHub.Path), apiToken, InboxHub.ChangeEvent, cancellationToken));
            }
            var listening = hubs.Select(hub => Task.Run(async () =>
            {
                await foreach (var change in hub.Events.ReadAllAsync(cancellationToken))
                {
                    if (change.Argument.GetProperty("kind").GetString() == "MessageAdded")
                    {
                        received.Add((change.Argument.GetProperty("conversationId").GetInt64(), change.ReceivedTimestamp));
                    }
                }
            }, cancellationToken)).ToList();

            // Warmed up like the other phases: fifty clients connecting at once on a node behind the Redis backplane delay
            // the first second of pushes by up to 800 ms, which is their connecting, not the steady state measured here.
            await load.FixedRateAsync(perSecond, TimeSpan.FromSeconds(2), 0, null, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            received.Clear();

            var sentAt = new ConcurrentDictionary<string, long>();
            var sending = await load.FixedRateAsync(perSecond, duration, 0, (psid, scheduled) => sentAt[psid] = scheduled, cancellationToken);
            // Let the last deliveries be applied and pushed before counting.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

            var psidByConversation = await ConversationsOfRunAsync(runId, sentAt.Count, cancellationToken);
            var latencies = new List<double>(received.Count);
            foreach (var (conversationId, timestamp) in received)
            {
                if (psidByConversation.TryGetValue(conversationId, out var psid) && sentAt.TryGetValue(psid, out var scheduled))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(scheduled, timestamp).TotalMilliseconds);
                }
            }
            var expected = sentAt.Count * clients;
            return LatencyStats.From(latencies, Math.Max(0, expected - latencies.Count) + sending.Errors, sending.Elapsed);
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    // Newest first: the run's conversations are on the first pages.
    private async Task<Dictionary<long, string>> ConversationsOfRunAsync(string runId, int expected, CancellationToken cancellationToken)
    {
        var map = new Dictionary<long, string>();
        for (int? offset = 0; offset is not null && map.Count < expected;)
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"api/v1/conversations?limit=200&offset={offset}", cancellationToken);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                var psid = item.GetProperty("contactPsid").GetString()!;
                if (psid.StartsWith($"bench-{runId}-", StringComparison.Ordinal))
                {
                    map[item.GetProperty("id").GetInt64()] = psid;
                }
            }
            offset = page.GetProperty("nextOffset").ValueKind == JsonValueKind.Number ? page.GetProperty("nextOffset").GetInt32() : null;
        }
        return map;
    }
}
