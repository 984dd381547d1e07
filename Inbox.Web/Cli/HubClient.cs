using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Inbox.Web.Cli;

/// <summary>
/// A minimal SignalR client (JSON protocol over WebSockets, negotiation skipped) for the bench verb and tests:
/// the .NET SignalR client package is not obtainable here. It only listens for one event.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket = new();
    private readonly Channel<ReceivedEvent> _events = Channel.CreateUnbounded<ReceivedEvent>();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;

    public sealed record ReceivedEvent(JsonElement Argument, long ReceivedTimestamp);

    public ChannelReader<ReceivedEvent> Events => _events.Reader;

    public static async Task<HubClient> ConnectAsync(Uri hubUrl, string apiToken, string eventName, CancellationToken cancellationToken)
    {
        var client = new HubClient();
        var socketUrl = new UriBuilder(hubUrl)
        {
            Scheme = hubUrl.Scheme == "https" ? "wss" : "ws",
            Query = "access_token=" + Uri.EscapeDataString(apiToken),
        }.Uri;
        await client._socket.ConnectAsync(socketUrl, cancellationToken);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        var handshake = await client.ReceiveRecordsAsync(cancellationToken);
        if (handshake.Count == 0 || handshake[0].Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The hub refused the handshake: {string.Join(" ", handshake)}");
        }
        client._receiving = client.ReceiveLoopAsync(eventName);
        client._pinging = client.PingLoopAsync();
        return client;
    }

    private async Task ReceiveLoopAsync(string eventName)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var record in await ReceiveRecordsAsync(_stop.Token))
                {
                    var received = Stopwatch.GetTimestamp();
                    using var document = JsonDocument.Parse(record);
                    var root = document.RootElement;
                    if (root.GetProperty("type").GetInt32() == 1 && root.GetProperty("target").GetString() == eventName)
                    {
                        await _events.Writer.WriteAsync(new ReceivedEvent(root.GetProperty("arguments")[0].Clone(), received), _stop.Token);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closed by us or by the server: the event stream simply ends.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    // The server drops clients it has not heard from for 30 seconds.
    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SendAsync("{\"type\":6}", _stop.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
    }

    private async Task<List<string>> ReceiveRecordsAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("The hub closed the connection.");
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return [.. Encoding.UTF8.GetString(message.ToArray()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries)];
    }

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_receiving, _pinging);
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
