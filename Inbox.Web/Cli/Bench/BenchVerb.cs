using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Core;
using Inbox.Core.Meta;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// <c>bench</c>: drives signed deliveries at a running instance over loopback and prints acknowledgement throughput
/// and latency, the same against a bare endpoint as a yardstick, and webhook-to-hub-client push latency.
/// </summary>
internal sealed class BenchVerb(IServiceProvider services, TextWriter output)
{
    public async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var url = LoopbackUrl(args);
        var seconds = TimeSpan.FromSeconds(Number(args, "seconds", 10));
        var concurrency = (int)Number(args, "concurrency", 64);
        var rate = (int)Number(args, "rate", 2000);
        var hubClients = (int)Number(args, "hub-clients", 50);
        var pushRate = (int)Number(args, "push-rate", 200);
        args.Options.TryGetValue("token", out var token);
        // --phases push measures one phase alone (a PostgreSQL node takes minutes to apply what the others send).
        var phases = Option(args, "phases", "max,rate,push").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (phases.Except(["max", "rate", "push"]).FirstOrDefault() is { } unknown)
        {
            throw new UserInputException($"--phases takes max, rate and push, not {unknown}.");
        }
        var secret = services.GetRequiredService<IOptions<MetaOptions>>().Value.AppSecret;
        var runId = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(concurrency, 256), PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        using var api = new HttpClient { BaseAddress = url };
        if (token is not null)
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        var pageId = Option(args, "page-id", token is null ? "104857600000001" : await FirstPageAsync(api, cancellationToken));
        var deliveries = new DeliveryFactory(pageId, secret, runId);
        var inbox = new LoadRunner(http, new Uri(url, "webhooks/meta"), deliveries);

        await output.WriteLineAsync($"bench: {url} Page {pageId}, {Environment.ProcessorCount} cores, {seconds.TotalSeconds:N0} s per phase");
        await using var bare = await BareServer.StartAsync(cancellationToken);
        var yardstick = new LoadRunner(http, bare.Url, deliveries);

        // Warm both up so JIT and connection set-up are not measured.
        await inbox.MaxThroughputAsync(concurrency, TimeSpan.FromSeconds(2), cancellationToken);
        await yardstick.MaxThroughputAsync(concurrency, TimeSpan.FromSeconds(2), cancellationToken);

        var slices = (int)Number(args, "slices", 6);
        var alternating = new AlternatingSlices(output, slices, seconds / slices);
        if (phases.Contains("max"))
        {
            await MaxThroughputAsync(alternating, yardstick, inbox, concurrency, seconds, slices, cancellationToken);
        }
        if (phases.Contains("rate"))
        {
            await FixedRateAsync(api, token, alternating, yardstick, inbox, rate, slices, cancellationToken);
        }
        if (!phases.Contains("push"))
        {
            return 0;
        }
        if (token is null)
        {
            await output.WriteLineAsync("push latency skipped: pass --token with a personal API token to connect hub clients");
            return 0;
        }
        await WaitForIngestionAsync(api, token, cancellationToken);
        // With several nodes, --hub-url puts the clients on another node than the one the webhooks reach.
        var hubUrl = new Uri(Option(args, "hub-url", url.ToString()).TrimEnd('/') + "/");
        var push = await new PushLatency(api, hubUrl, token).MeasureAsync(inbox, runId, hubClients, pushRate, seconds, cancellationToken);
        await output.WriteLineAsync($"webhook to hub client on {hubUrl}, {pushRate}/s, {hubClients} clients (errors = events not received)");
        await output.WriteLineAsync($"  push            {push}");
        return 0;
    }

    private async Task MaxThroughputAsync(
        AlternatingSlices alternating, LoadRunner yardstick, LoadRunner inbox, int concurrency, TimeSpan seconds, int slices, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"max throughput, {concurrency} connections, {slices} alternating slices of {seconds.TotalSeconds / slices:N1} s per side");
        var max = await alternating.RunAsync(yardstick, inbox, (runner, slice) => runner.MaxThroughputAsync(concurrency, slice, cancellationToken),
            (i, b) => i.PerSecond / b.PerSecond, cancellationToken);
        await output.WriteLineAsync($"  ratio           {max.Median:P0} of bare throughput (median of {slices}; spread {max.Spread})");
    }

    private async Task FixedRateAsync(
        HttpClient api, string? token, AlternatingSlices alternating, LoadRunner yardstick, LoadRunner inbox, int rate, int slices, CancellationToken cancellationToken)
    {
        // Each phase starts with ingestion caught up, so it measures its own load, not the last phase's backlog.
        await WaitForIngestionAsync(api, token, cancellationToken);
        await output.WriteLineAsync($"fixed rate {rate}/s (latency from each request's scheduled start), {slices} alternating slices");
        var fixedRate = await alternating.RunAsync(yardstick, inbox, (runner, slice) => runner.FixedRateAsync(rate, slice, 1000, null, cancellationToken),
            (i, b) => i.P99Ms / b.P99Ms, cancellationToken);
        await output.WriteLineAsync($"  ratio           p99 {fixedRate.Median:N1}x bare (median of {slices}; spread {fixedRate.Spread})");
    }

    private async Task WaitForIngestionAsync(HttpClient api, string? token, CancellationToken cancellationToken)
    {
        if (token is null)
        {
            return;
        }
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            var stats = await api.GetFromJsonAsync<JsonElement>("api/v1/deliveries/stats", cancellationToken);
            if (stats.GetProperty("pending").GetInt64() == 0)
            {
                await output.WriteLineAsync($"  (ingestion caught up in {waited.Elapsed.TotalSeconds:N1} s)");
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        await output.WriteLineAsync("  (ingestion still behind after 3 minutes; measuring anyway)");
    }

    private static async Task<string> FirstPageAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var response = await api.GetAsync("api/v1/pages", cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new UserInputException("The API token was refused.");
        }
        var pages = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return pages.GetArrayLength() > 0 ? pages[0].GetProperty("id").GetString()! : throw new UserInputException("The instance has no connected Page.");
    }

    /// <summary>The instance to measure (<c>--url</c>): the bench verbs only target this machine's loopback address.</summary>
    internal static Uri LoopbackUrl(CommandArguments args)
    {
        var url = new Uri(Option(args, "url", "http://127.0.0.1:5000").TrimEnd('/') + "/");
        return url.IsLoopback ? url : throw new UserInputException($"bench only targets this machine's loopback address, not {url.Host}.");
    }

    private static string Option(CommandArguments args, string name, string fallback) =>
        args.Options.TryGetValue(name, out var value) ? value : fallback;

    private static double Number(CommandArguments args, string name, double fallback) =>
        !args.Options.TryGetValue(name, out var value) ? fallback
            : double.TryParse(value, CultureInfo.InvariantCulture, out var number) && number > 0 ? number
            : throw new UserInputException($"--{name} must be a positive number.");
}
