using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// A browser tab as the server sees it, without a browser: it loads the page, starts a Blazor Server circuit for the
/// page's interactive root components the way blazor.web.js does (StartCircuit, then UpdateRootComponents with the
/// prerendered markers and state), acknowledges every render batch in order, answers every JavaScript call with null,
/// and reports a 900 px viewport to the list's Virtualize as a browser's IntersectionObserver would. The server keeps a
/// full circuit for it and renders every update to it; nothing is drawn, so hundreds of tabs fit on the machine that
/// runs the server (issue #18 measures 500).
/// </summary>
internal sealed partial class BlazorTab : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Action<byte[], long> _onBatch;

    private BlazorTab(HubConnection connection, Action<byte[], long> onBatch)
    {
        _connection = connection;
        _onBatch = onBatch;
    }

    /// <summary>The server's last "JS.Error", when it closed the circuit.</summary>
    public string? Error { get; private set; }

    public long Batches { get; private set; }

    /// <summary>Opens <paramref name="page"/> signed in with <paramref name="cookies"/>; each render batch goes to <paramref name="onBatch"/> with its arrival time.</summary>
    public static async Task<BlazorTab> OpenAsync(HttpClient browser, Uri page, CookieContainer cookies, Action<byte[], long> onBatch, CancellationToken cancellationToken)
    {
        var html = await browser.GetStringAsync(page, cancellationToken);
        var markers = new JsonArray();
        var ssrComponentId = 0;
        foreach (Match marker in ServerMarker().Matches(html))
        {
            var descriptor = JsonNode.Parse(marker.Groups["json"].Value)!;
            if ((string?)descriptor["type"] == "server")
            {
                markers.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = ++ssrComponentId, ["marker"] = descriptor });
            }
        }
        if (ssrComponentId == 0)
        {
            throw new InvalidOperationException($"{page} has no interactive server component: is the session signed in?");
        }
        var state = ServerState().Match(html) is { Success: true } found ? found.Groups["state"].Value : "";

        var builder = new HubConnectionBuilder().WithUrl(new Uri(page, "/_blazor"), options =>
        {
            options.Cookies = cookies;
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        });
        // The protocol is chosen by its name: blazorpack in place of the JSON protocol the builder adds.
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var tab = new BlazorTab(builder.Build(), onBatch);
        await tab.StartAsync(page, JsonSerializer.Serialize(new { batchId = 1, operations = markers }), state, cancellationToken);
        return tab;
    }

    private async Task StartAsync(Uri page, string rootComponents, string state, CancellationToken cancellationToken)
    {
        _connection.On<long, byte[]>("JS.RenderBatch", async (batchId, batch) =>
        {
            _onBatch(batch, System.Diagnostics.Stopwatch.GetTimestamp());
            Batches++;
            await _connection.SendAsync("OnRenderCompleted", batchId, null, CancellationToken.None);
        });
        // A browser runs the call and answers with its result; null is an answer every caller here survives.
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async arguments =>
        {
            var handle = (long)arguments[0]!;
            if (handle != 0)
            {
                await _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]", CancellationToken.None);
            }
            if ((string?)arguments[1] == "Blazor._internal.Virtualize.init" && VirtualizeHelper().Match((string)arguments[2]!) is { Success: true } helper)
            {
                // A browser's IntersectionObserver reports the list's viewport; this tab's is 900 px tall.
                await _connection.SendAsync("BeginInvokeDotNetFromJS", null, null, "OnSpacerAfterVisible",
                    long.Parse(helper.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), "[0,0,900]", CancellationToken.None);
            }
        });
        _connection.On<string>("JS.Error", error => Error = error);
        _connection.Closed += exception =>
        {
            Error ??= exception?.Message ?? "closed";
            return Task.CompletedTask;
        };
        await _connection.StartAsync(cancellationToken);
        var baseUri = new Uri(page, "/").ToString();
        var circuit = await _connection.InvokeAsync<string?>("StartCircuit", baseUri, page.ToString(), "[]", state, cancellationToken);
        if (circuit is null)
        {
            throw new InvalidOperationException($"The server refused to start a circuit: {Error ?? "no reason given"}");
        }
        await _connection.SendAsync("UpdateRootComponents", rootComponents, state, cancellationToken);
    }

    /// <summary>The whole text of the "Blazor:{...}" comments blazor.web.js reads its root components from.</summary>
    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ServerMarker();

    [GeneratedRegex(@"^\[\{""__dotNetObject"":(?<id>\d+)\}")]
    private static partial Regex VirtualizeHelper();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)-->")]
    private static partial Regex ServerState();

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
