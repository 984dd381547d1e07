using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// <c>bench circuits</c> (issue #18, item 3): what a change costs with many tabs open. Starts this build's server in
/// demo mode on a fresh database, signs in, opens tabs on the inbox that speak the Blazor Server protocol
/// (<see cref="BlazorTab"/>), and sends new customers' messages at a fixed rate, first with one tab and then with all.
/// Prints the database connections each delivery cost (the yardstick is the one-tab phase of the same run), the time
/// from each delivery's scheduled send to its row in each tab's render batches, and the server's memory per tab.
/// </summary>
internal static partial class CircuitsBench
{
    private const string Secret = "circuits-bench-secret";
    private const string MetricsToken = "circuits-bench-metrics";

    // .NET's own runtime meter: what the last collection left live, all generations (the process's memory also
    // holds what is not yet collected).
    private const string HeapMetric = "dotnet_gc_last_collection_heap_size_bytes";

    /// <summary>One server process of the run, and a client that reads its metrics.</summary>
    private sealed record Node(Process Process, HttpClient Client);

    /// <summary>
    /// With <paramref name="postgres"/> and <paramref name="redis"/>, two nodes on a new PostgreSQL database: the
    /// deliveries go to the first, the tabs are on the second, so every row crosses from one node to the other.
    /// </summary>
    public static async Task RunAsync(TextWriter output, int tabCount, int perSecond, TimeSpan duration, CancellationToken cancellationToken,
        string? postgres = null, string? redis = null)
    {
        if ((postgres is null) != (redis is null))
        {
            throw new Inbox.Core.UserInputException("Two nodes need both --postgres and --redis.");
        }
        using var database = await ScratchDatabase.CreateAsync("circuits", postgres, cancellationToken);
        var (provider, connectionString) = database.Settings;
        var settings = new Dictionary<string, string>
        {
            ["Storage__Provider"] = provider,
            ["Storage__ConnectionString"] = connectionString,
            ["Demo__Enabled"] = "true",
            ["Demo__Simulator__MessagesPerMinute"] = "0",
            ["Meta__AppSecret"] = Secret,
            ["Operations__MetricsToken"] = MetricsToken,
        };
        if (redis is not null)
        {
            settings["Redis__ConnectionString"] = redis;
        }
        var nodes = new List<Node>();
        var tabs = new List<BlazorTab>();
        try
        {
            // One after the other: the first seeds the demo, the second finds it there.
            for (var i = 0; i < (postgres is null ? 1 : 2); i++)
            {
                var port = ServerProcess.FreeLoopbackPort();
                var process = ServerProcess.Start(port, settings);
                nodes.Add(new Node(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") }));
                await ServerProcess.WaitUntilHealthyAsync(process, port, cancellationToken);
            }
            await RunOnAsync(output, nodes, tabs, tabCount, perSecond, duration, cancellationToken);
        }
        finally
        {
            foreach (var tab in tabs)
            {
                await tab.DisposeAsync();
            }
            foreach (var node in nodes)
            {
                node.Process.Kill(entireProcessTree: true);
                await node.Process.WaitForExitAsync(CancellationToken.None);
                node.Client.Dispose();
            }
        }
    }

    private static async Task RunOnAsync(TextWriter output, IReadOnlyList<Node> nodes, List<BlazorTab> tabs, int tabCount, int perSecond, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var url = nodes[^1].Client.BaseAddress!;
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = url };
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
        await SignInAsync(browser, cancellationToken);
        var arrivals = new ConcurrentDictionary<(int Tab, int Message), long>();
        var runId = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var deliveries = new DeliveryFactory("104857600000001", Secret, runId);
        var load = new LoadRunner(http, new Uri(nodes[0].Client.BaseAddress!, "webhooks/meta"), deliveries);
        await output.WriteLineAsync($"bench circuits: tabs on {url}{(nodes.Count > 1 ? $", webhooks to {nodes[0].Client.BaseAddress} (PostgreSQL and Redis)" : "")}, " +
            $"demo Page, {Environment.ProcessorCount} cores, {perSecond} new customers/s for {duration.TotalSeconds:N0} s per phase");

        tabs.Add(await OpenTabAsync(browser, url, cookies, 0, arrivals, cancellationToken));
        await load.FixedRateAsync(5, TimeSpan.FromSeconds(2), 0, null, cancellationToken); // warm-up: JIT, profile lookups
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var one = await PhaseAsync(output, "1 tab", load, nodes, tabs, arrivals, perSecond, duration, cancellationToken);

        var server = nodes[^1];
        var idle = Rss(server.Process);
        var idleHeap = await MetricAsync(server.Client, HeapMetric, cancellationToken);
        var opening = Stopwatch.StartNew();
        for (var i = 1; i < tabCount; i++)
        {
            tabs.Add(await OpenTabAsync(browser, url, cookies, i, arrivals, cancellationToken));
        }
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var opened = Rss(server.Process);
        var openedHeap = await MetricAsync(server.Client, HeapMetric, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"opened {tabCount - 1} more tabs in {opening.Elapsed.TotalSeconds:N1} s; server memory {idle / 1048576.0:N0} MB -> {opened / 1048576.0:N0} MB, " +
            $"{(opened - idle) / 1024.0 / (tabCount - 1):N0} KB per tab; managed heap after the last GC {idleHeap / 1048576.0:N0} MB -> {openedHeap / 1048576.0:N0} MB, " +
            $"{(openedHeap - idleHeap) / 1024.0 / (tabCount - 1):N0} KB per tab"));
        var all = await PhaseAsync(output, $"{tabCount} tabs", load, nodes, tabs, arrivals, perSecond, duration, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"database connections per delivery: {all:N1} with {tabCount} tabs, {one:N1} with 1 ({all / one:N2}x)"));
        var failed = tabs.Where(tab => tab.Error is not null).ToList();
        if (failed.Count > 0)
        {
            await output.WriteLineAsync($"{failed.Count} circuits failed, the first with: {failed[0].Error}");
        }
    }

    /// <summary>Sends a phase's deliveries and prints how they reached the tabs; returns the database connections per delivery.</summary>
    private static async Task<double> PhaseAsync(TextWriter output, string name, LoadRunner load, IReadOnlyList<Node> nodes,
        List<BlazorTab> tabs, ConcurrentDictionary<(int Tab, int Message), long> arrivals, int perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var connectionsBefore = await QuietAsync(nodes, cancellationToken);
        var (appliedBefore, applyingBefore) = (await MetricAsync(nodes, ToFeed + "_count", cancellationToken), await MetricAsync(nodes, ToFeed + "_sum", cancellationToken));
        var headBefore = await HeadAsync(nodes[^1].Client, cancellationToken);
        var batchesBefore = tabs.Sum(tab => tab.Batches);
        var cpuBefore = nodes.Sum(node => node.Process.TotalProcessorTime.TotalSeconds);
        var sent = new ConcurrentDictionary<int, long>();
        var acknowledged = await load.FixedRateAsync(perSecond, duration, 0, (psid, scheduled) => sent[MessageNumber(psid)] = scheduled, cancellationToken);
        // Let the last deliveries be applied and rendered before counting: every row seen by every tab, or nothing
        // pending and no row reaching any tab for 3 s (a busy tab that skipped rows never shows them), within 2 minutes.
        var settling = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var seen = arrivals.Count;
        while (settling.Elapsed < TimeSpan.FromMinutes(2) && !sent.Keys.All(message => Enumerable.Range(0, tabs.Count).All(tab => arrivals.ContainsKey((tab, message)))))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            if (arrivals.Count != seen)
            {
                (seen, quiet) = (arrivals.Count, Stopwatch.StartNew());
            }
            else if (quiet.Elapsed > TimeSpan.FromSeconds(3) && await MetricAsync(nodes, "inbox_ingest_pending", cancellationToken) == 0)
            {
                break;
            }
        }
        // What applying the last deliveries started (profile lookups, shared readings) is counted too.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var cpu = (nodes.Sum(node => node.Process.TotalProcessorTime.TotalSeconds) - cpuBefore) / (duration + settling.Elapsed).TotalSeconds;
        var connections = await MetricAsync(nodes, "inbox_database_connections", cancellationToken) - connectionsBefore;
        // Applied and published by the node the webhooks reach: the rest of the time to screen is the tabs' node.
        var toFeed = (await MetricAsync(nodes, ToFeed + "_sum", cancellationToken) - applyingBefore) * 1000
            / Math.Max(1, await MetricAsync(nodes, ToFeed + "_count", cancellationToken) - appliedBefore);
        var head = (await HeadAsync(nodes[^1].Client, cancellationToken)).Since(headBefore);
        var latencies = new List<double>();
        var missed = 0;
        for (var tab = 0; tab < tabs.Count; tab++)
        {
            foreach (var (message, scheduled) in sent)
            {
                if (arrivals.TryGetValue((tab, message), out var arrived))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(scheduled, arrived).TotalMilliseconds);
                }
                else
                {
                    missed++;
                }
            }
        }
        var screen = LatencyStats.From(latencies, missed, duration);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name,-9} acknowledged p50 {acknowledged.P50Ms:N1} ms p95 {acknowledged.P95Ms:N1} ms ({acknowledged.Errors} errors); " +
            $"acknowledgement to live feed mean {toFeed:N0} ms; webhook to screen p50 {screen.P50Ms:N0} ms p95 {screen.P95Ms:N0} ms p99 {screen.P99Ms:N0} ms ({latencies.Count:N0} rows seen, {missed:N0} never shown; settled {settling.Elapsed.TotalSeconds:N1} s after the last); " +
            $"the tabs' shared list head: {head.Reads:N0} reads, mean {head.ReadMs:N0} ms, first change to the tabs mean {head.LagMs:N0} ms; " +
            $"server CPU {cpu:N2} cores{(nodes.Count > 1 ? " (both nodes)" : "")}; {connections:N0} database connections for {sent.Count} deliveries; {tabs.Sum(tab => tab.Batches) - batchesBefore:N0} render batches"));
        return connections / (double)sent.Count;
    }

    private static async Task<BlazorTab> OpenTabAsync(HttpClient browser, Uri inbox, CookieContainer cookies, int tab,
        ConcurrentDictionary<(int Tab, int Message), long> arrivals, CancellationToken cancellationToken) =>
        await BlazorTab.OpenAsync(browser, inbox, cookies, (batch, arrived) =>
        {
            foreach (var message in MessagesIn(batch))
            {
                arrivals.TryAdd((tab, message), arrived);
            }
        }, cancellationToken);

    /// <summary>The numbers of the bench's messages a render batch shows ("Benchmark message 12: ...").</summary>
    private static List<int> MessagesIn(byte[] batch)
    {
        // Searched as bytes: decoding hundreds of tabs' batches would take the server's CPU from under it.
        var found = new List<int>();
        var rest = batch.AsSpan();
        for (var at = rest.IndexOf(BenchMessage); at >= 0; at = rest.IndexOf(BenchMessage))
        {
            rest = rest[(at + BenchMessage.Length)..];
            var digits = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (digits > 0 && rest[digits] == (byte)':')
            {
                found.Add(int.Parse(rest[..digits], CultureInfo.InvariantCulture));
            }
        }
        return found;
    }

    private static int MessageNumber(string psid) => int.Parse(psid[(psid.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

    private static ReadOnlySpan<byte> BenchMessage => "Benchmark message "u8;

    private const string ToFeed = "inbox_webhook_to_push_duration_seconds";

    /// <summary>Signs <paramref name="browser"/> in as the demo agent, as the login form does.</summary>
    internal static async Task SignInAsync(HttpClient browser, CancellationToken cancellationToken)
    {
        var form = await browser.GetStringAsync("login", cancellationToken);
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = "camille@demo.inbox";
        fields["Input.Password"] = "demo-agent-pass";
        using var answer = await browser.PostAsync("login", new FormUrlEncodedContent(fields), cancellationToken);
        var inbox = await browser.GetStringAsync("", cancellationToken);
        if (!inbox.Contains("<!--Blazor:", StringComparison.Ordinal) || inbox.Contains("id=\"password\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in to the demo failed ({(int)answer.StatusCode}).");
        }
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    /// <summary>
    /// Waits (10 s at most) for half a second without a database connection, and returns the count: on a busy machine
    /// the tabs' first reads or the last phase's work can still be on their way, and must not count for this phase.
    /// </summary>
    private static async Task<double> QuietAsync(IReadOnlyList<Node> nodes, CancellationToken cancellationToken)
    {
        var connections = await MetricAsync(nodes, "inbox_database_connections", cancellationToken);
        for (var wait = 0; wait < 20; wait++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            var now = await MetricAsync(nodes, "inbox_database_connections", cancellationToken);
            if (now == connections)
            {
                break;
            }
            connections = now;
        }
        return connections;
    }

    private static async Task<double> MetricAsync(IReadOnlyList<Node> nodes, string name, CancellationToken cancellationToken)
    {
        var sum = 0.0;
        foreach (var node in nodes)
        {
            sum += await MetricAsync(node.Client, name, cancellationToken);
        }
        return sum;
    }

    /// <summary>The sum of a metric's series in /metrics (Prometheus' text), those with <paramref name="label"/> when given.</summary>
    private static async Task<double> MetricAsync(HttpClient browser, string name, CancellationToken cancellationToken, string? label = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsToken);
        using var answer = await browser.SendAsync(request, cancellationToken);
        var text = await answer.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken);
        return text.Split('\n').Where(line => line.StartsWith(name, StringComparison.Ordinal) && (label is null || line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>The All view's shared head on the tabs' node: its reads, their time, and the time from a change to the tabs.</summary>
    private sealed record Head(double Reads, double ReadSeconds, double LagSeconds)
    {
        public double ReadMs => ReadSeconds * 1000 / Math.Max(1, Reads);

        public double LagMs => LagSeconds * 1000 / Math.Max(1, Reads);

        public Head Since(Head before) => new(Reads - before.Reads, ReadSeconds - before.ReadSeconds, LagSeconds - before.LagSeconds);
    }

    private static async Task<Head> HeadAsync(HttpClient node, CancellationToken cancellationToken)
    {
        const string All = "reading=\"ViewHead.All\"";
        return new(await MetricAsync(node, "inbox_shared_reading_duration_seconds_count", cancellationToken, All),
            await MetricAsync(node, "inbox_shared_reading_duration_seconds_sum", cancellationToken, All),
            await MetricAsync(node, "inbox_shared_reading_lag_seconds_sum", cancellationToken, All));
    }

    private static long Rss(Process server)
    {
        server.Refresh();
        return server.WorkingSet64;
    }
}
