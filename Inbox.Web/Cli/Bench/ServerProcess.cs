using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inbox.Web.Cli.Bench;

/// <summary>This build's server as a process of its own on a loopback port, for the benchmarks that time a whole server.</summary>
internal static class ServerProcess
{
    /// <summary>Starts the server with <paramref name="environment"/>; its output is read and dropped so it never blocks on a full pipe.</summary>
    public static Process Start(int port, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits for the first <c>200</c> on /healthz; throws if the process stops first or takes over 2 minutes.</summary>
    public static async Task WaitUntilHealthyAsync(Process process, int port, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                using var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"), cancellationToken);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server stopped during start-up (exit code {process.ExitCode}).");
            }
            await Task.Delay(10, cancellationToken);
        }
        throw new TimeoutException("The server did not become healthy within 2 minutes.");
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
