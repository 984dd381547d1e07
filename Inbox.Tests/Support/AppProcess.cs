using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inbox.Tests.Support;

/// <summary>The built Inbox.Web executable in a process of its own, on a free loopback port, killable like a crash.</summary>
public sealed class AppProcess : IDisposable
{
    private const int KeptLines = 300;

    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The process's last lines of output (its log), for a failing test to show what the server saw.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public static async Task<AppProcess> StartAsync(string workingDirectory, IDictionary<string, string> environment, string? url = null)
    {
        url ??= FreeUrl();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_URLS"] = url, ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Inbox.Web.dll"));
        var process = Process.Start(start)!;
        var app = new AppProcess(process, url);
        process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilServingAsync(process, url);
        }
        catch
        {
            // A process that never answered must not outlive the test that started it.
            app.Dispose();
            throw;
        }
        return app;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }
    }

    private static async Task WaitUntilServingAsync(Process process, string url)
    {
        using var client = new HttpClient();
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Inbox.Web exited with code {process.ExitCode} while starting.");
            }
            try
            {
                return (await client.GetAsync(url + "/healthz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the app to answer /healthz", timeoutSeconds: 60);
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or a power cut.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }

    /// <summary>A loopback address no one listens on now, for a process to be started on.</summary>
    public static string FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
