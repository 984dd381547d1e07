using System.Diagnostics;

namespace Inbox.Tests.Support;

/// <summary>
/// Debian's nginx with docs/deploy/nginx.conf, run from a temporary folder on a free loopback port in front of the
/// given nodes. Its access log names the node each request went to.
/// </summary>
public sealed class NginxProcess : IDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _folder;

    private NginxProcess(Process process, string folder, string baseUrl) => (_process, _folder, BaseUrl) = (process, folder, baseUrl);

    public string BaseUrl { get; }

    /// <summary>Each request as "METHOD path status node-address", in order.</summary>
    public IReadOnlyList<string> AccessLog => File.Exists(Path.Combine(_folder, "access.log")) ? File.ReadAllLines(Path.Combine(_folder, "access.log")) : [];

    public static async Task<NginxProcess> StartAsync(string nodeA, string nodeB)
    {
        var folder = Directory.CreateTempSubdirectory("inbox-nginx-").FullName;
        if (OperatingSystem.IsLinux())
        {
            // Workers run as nobody when nginx is started as root: they must reach the folder.
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }
        var url = AppProcess.FreeUrl();
        var site = File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "deploy", "nginx.conf"))
            .Replace("listen 80;", $"listen {new Uri(url).Port};", StringComparison.Ordinal)
            .Replace("127.0.0.1:5001", new Uri(nodeA).Authority, StringComparison.Ordinal)
            .Replace("127.0.0.1:5002", new Uri(nodeB).Authority, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "inbox.conf"), site);
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            error_log {{folder}}/error.log;
            pid {{folder}}/nginx.pid;
            events { worker_connections 1024; }
            http {
                log_format nodes '$request_method $uri $status $upstream_addr';
                access_log {{folder}}/access.log nodes;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/inbox.conf;
            }
            """);
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var nginx = new NginxProcess(process, folder, url);
        using var client = new HttpClient();
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }
            try
            {
                return (await client.GetAsync(url + "/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "nginx to pass /healthz through");
        return nginx;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
