using Inbox.Core;
using Inbox.Web.Startup;

namespace Inbox.Web.Cli;

/// <summary>
/// Administrative verbs on the same executable: <c>dotnet run --project Inbox.Web -- user add ...</c>.
/// They read the same configuration as the server (appsettings, then environment variables).
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage:
          Inbox.Web                                             serve the app
          Inbox.Web migrate                                     apply pending database migrations
          Inbox.Web user add --email E --name N --role R        add a user (Agent, Manager or Admin); password from stdin
          Inbox.Web token create --email E --name N             create a personal API token for a user; printed once
          Inbox.Web token list                                  list the tokens that work (never the secrets)
          Inbox.Web token revoke --id ID                        stop a token working at once
          Inbox.Web page add --id ID --name NAME [--time-zone TZ]
                                                                connect a Facebook Page; its access token from stdin
          Inbox.Web bench [--url http://127.0.0.1:5000] [--token T] [--seconds 10] [--concurrency 64]
                          [--rate 2000] [--hub-clients 50] [--push-rate 200] [--hub-url URL] [--phases max,rate,push]
                                                                measure a running instance over loopback
          Inbox.Web bench picker [--replies 1000]              time the saved-reply picker's filtering
          Inbox.Web bench report [--messages 1000000] [--conversations 100000] [--postgres CONNECTION]
                                                                time the responsiveness report over a scratch database
          Inbox.Web bench search [--messages 1000000] [--postgres CONNECTION]
                                                                time search over a scratch database
                                                                (SQLite; a new PostgreSQL database with --postgres)
          Inbox.Web bench import [--threads 200] [--free-threads 2000]
                                                                messages imported per second from the sandbox, at Meta's pace and unpaced
          Inbox.Web bench startup [--messages 1000000] [--conversations 100000] [--runs 5]
                                                                time start-up to /healthz on a scratch database, full and empty
          Inbox.Web bench circuits [--tabs 500] [--rate 200] [--seconds 10] [--postgres "Host=..." --redis host:port]
                                                                database work, webhook-to-screen time and memory with
                                                                that many Blazor Server circuits open on a demo server;
                                                                with --postgres and --redis, webhooks to one node, tabs on a second
          Inbox.Web bench tabs [--url http://127.0.0.1:5000] [--tabs 50] [--seconds 600]
                                                                hold that many tabs open as the demo agent (until Ctrl+C),
                                                                for bench/ui-bench.mjs --hold-tabs
        """;

    private static readonly HashSet<string> s_verbs = ["migrate", "user", "token", "page", "bench", "help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && s_verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            var parsed = CommandArguments.Parse(args);
            if (parsed.Verb == "help")
            {
                await output.WriteLineAsync(Usage);
                return 0;
            }
            if (parsed.Verb == "bench picker")
            {
                var count = parsed.Options.TryGetValue("replies", out var replies) && int.TryParse(replies, out var n) && n > 0 ? n : 1000;
                await Bench.PickerBench.RunAsync(output, count);
                return 0;
            }
            if (parsed.Verb == "bench report")
            {
                var messages = parsed.Options.TryGetValue("messages", out var m) && int.TryParse(m, out var mv) && mv > 0 ? mv : 1_000_000;
                var conversations = parsed.Options.TryGetValue("conversations", out var c) && int.TryParse(c, out var cv) && cv > 0 ? cv : 100_000;
                await Bench.ReportBench.RunAsync(output, messages, conversations, parsed.Options.GetValueOrDefault("postgres"), cancel.Token);
                return 0;
            }
            if (parsed.Verb == "bench startup")
            {
                var messages = parsed.Options.TryGetValue("messages", out var m) && int.TryParse(m, out var mv) && mv > 0 ? mv : 1_000_000;
                var conversations = parsed.Options.TryGetValue("conversations", out var c) && int.TryParse(c, out var cv) && cv > 0 ? cv : 100_000;
                var runs = parsed.Options.TryGetValue("runs", out var r) && int.TryParse(r, out var rv) && rv > 0 ? rv : 5;
                await Bench.StartupBench.RunAsync(output, messages, conversations, runs, cancel.Token);
                return 0;
            }
            if (parsed.Verb == "bench import")
            {
                var paced = parsed.Options.TryGetValue("threads", out var t) && int.TryParse(t, out var tv) && tv > 0 ? tv : 200;
                var free = parsed.Options.TryGetValue("free-threads", out var f) && int.TryParse(f, out var fv) && fv > 0 ? fv : 2000;
                await Bench.ImportBench.RunAsync(output, paced, free, cancel.Token);
                return 0;
            }
            if (parsed.Verb == "bench circuits")
            {
                var tabs = parsed.Options.TryGetValue("tabs", out var t) && int.TryParse(t, out var tv) && tv > 1 ? tv : 500;
                var rate = parsed.Options.TryGetValue("rate", out var r) && int.TryParse(r, out var rv) && rv > 0 ? rv : 200;
                var seconds = parsed.Options.TryGetValue("seconds", out var s) && int.TryParse(s, out var sv) && sv > 0 ? sv : 10;
                await Bench.CircuitsBench.RunAsync(output, tabs, rate, TimeSpan.FromSeconds(seconds), cancel.Token,
                    parsed.Options.GetValueOrDefault("postgres"), parsed.Options.GetValueOrDefault("redis"));
                return 0;
            }
            if (parsed.Verb == "bench tabs")
            {
                var tabs = parsed.Options.TryGetValue("tabs", out var t) && int.TryParse(t, out var tv) && tv > 0 ? tv : 50;
                var seconds = parsed.Options.TryGetValue("seconds", out var s) && int.TryParse(s, out var sv) && sv > 0 ? sv : 600;
                await Bench.HeldTabs.RunAsync(output, Bench.BenchVerb.LoopbackUrl(parsed), tabs, TimeSpan.FromSeconds(seconds), cancel.Token);
                return 0;
            }
            if (parsed.Verb == "bench search")
            {
                var messages = parsed.Options.TryGetValue("messages", out var m) && int.TryParse(m, out var mv) && mv > 0 ? mv : 1_000_000;
                await Bench.SearchBench.RunAsync(output, messages, parsed.Options.GetValueOrDefault("postgres"), cancel.Token);
                return 0;
            }
            await using var app = BuildServices();
            if (parsed.Verb == "bench")
            {
                // bench measures another process; it leaves this one's database alone.
                return await new Bench.BenchVerb(app.Services, output).RunAsync(parsed, cancel.Token);
            }
            await app.Services.GetRequiredService<DatabaseStartup>().MigrateAsync(cancel.Token);
            var verbs = new Verbs(app.Services, input, output);
            return await (parsed.Verb switch
            {
                "migrate" => verbs.MigrateAsync(cancel.Token),
                "user add" => verbs.AddUserAsync(parsed, cancel.Token),
                "token create" => verbs.CreateTokenAsync(parsed, cancel.Token),
                "token list" => verbs.ListTokensAsync(cancel.Token),
                "token revoke" => verbs.RevokeTokenAsync(parsed, cancel.Token),
                "page add" => verbs.AddPageAsync(parsed, cancel.Token),
                _ => throw new UserInputException($"Unknown command '{parsed.Verb}'."),
            });
        }
        catch (UserInputException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            await error.WriteLineAsync();
            await error.WriteLineAsync(Usage);
            return 2;
        }
    }

    private static WebApplication BuildServices()
    {
        // Command-line options belong to the verb, so the host reads configuration only from files and environment.
        var builder = WebApplication.CreateBuilder([]);
        // Standard output carries the verb's result (a token, say): logs go to standard error, warnings and up only,
        // whatever appsettings.json asks of the server.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.AddInboxServices();
        return builder.Build();
    }
}
