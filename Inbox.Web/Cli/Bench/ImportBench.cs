using System.Diagnostics;
using System.Globalization;
using Dapper;
using Inbox.Core.History;
using Inbox.Core.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// <c>bench import</c>: messages imported per second from the sandbox's Conversations API (issue #17 asks that the
/// import be limited by Meta's rate limits, not by Inbox). Two rounds, each a server of its own in demo mode on a
/// scratch database: at Meta's pace (2 calls a second per Page, enforced by the sandbox as Meta does), then with the
/// pace lifted on both sides, which is what Inbox alone could do: the yardstick the first is compared with.
/// </summary>
internal static class ImportBench
{
    public static async Task RunAsync(TextWriter output, int pacedThreads, int freeThreads, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"import: {Environment.ProcessorCount} cores; the demo Page's made-up history, last 30 days");
        var paced = await RoundAsync(output, "at Meta's pace (2 calls/s per Page)", pacedThreads, new Dictionary<string, string>(), cancellationToken);
        var free = await RoundAsync(output, "pace lifted (Inbox alone)", freeThreads, new Dictionary<string, string>
        {
            ["History__Interval"] = "00:00:00",
            ["Meta__Sandbox__HistoryCallsPerSecond"] = "1000000",
        }, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"import: at Meta's pace {paced:N1} messages/s is {paced / free:P1} of what Inbox imports unpaced ({free:N0} messages/s): the rate limit is the bound"));
    }

    // Returns messages per second, from the end of the first list call to the end of the import.
    private static async Task<double> RoundAsync(TextWriter output, string name, int threads, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        using var scratch = await ScratchDatabase.CreateAsync("import", null, cancellationToken);
        var environment = new Dictionary<string, string>(settings)
        {
            ["Storage__ConnectionString"] = scratch.Settings.ConnectionString,
            ["Demo__Enabled"] = "true",
            ["Demo__Simulator__MessagesPerMinute"] = "0",
            ["Meta__Sandbox__HistoryThreads"] = threads.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var process = ServerProcess.Start(ServerProcess.FreeLoopbackPort(), environment);
        try
        {
            var pageId = await DemoPageConnectedAsync(scratch, process, cancellationToken);
            var store = new HistoryImportStore(scratch.Database, new LiveFeed(NullLogger<LiveFeed>.Instance), new HistorySignal(), TimeProvider.System);
            await store.StartAsync(pageId, HistoryImportStore.DefaultDays, cancellationToken);
            var clock = Stopwatch.StartNew();
            TimeSpan? listed = null;
            while (clock.Elapsed < TimeSpan.FromMinutes(20))
            {
                var import = await store.GetAsync(pageId, cancellationToken) ?? throw new InvalidOperationException("The import disappeared.");
                if (listed is null && (import.ItemsTotal > 0 || import.State != HistoryImport.Running))
                {
                    listed = clock.Elapsed;
                }
                if (import.State != HistoryImport.Running)
                {
                    var seconds = (clock.Elapsed - listed!.Value).TotalSeconds;
                    var rate = import.MessagesImported / seconds;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {name}: {import.State}, {import.MessagesImported:N0} messages and {import.CommentsImported:N0} comments from {import.ItemsTotal:N0} conversations and posts in {seconds:N1} s: {rate:N1} messages/s, {import.ItemsDone / seconds:N2} conversations/s"));
                    return rate;
                }
                await Task.Delay(50, cancellationToken);
            }
            throw new TimeoutException("The import did not finish within 20 minutes.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<string> DemoPageConnectedAsync(ScratchDatabase scratch, Process process, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server stopped (exit code {process.ExitCode}).");
            }
            await using (var connection = await scratch.Database.OpenAsync(cancellationToken))
            {
                if (await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
                    "SELECT id FROM pages WHERE access_token_protected IS NOT NULL ORDER BY created_at LIMIT 1", cancellationToken: cancellationToken)) is { } pageId)
                {
                    return pageId;
                }
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException("The demo Page was not connected within 2 minutes.");
    }
}
