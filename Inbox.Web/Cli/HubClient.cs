using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Cli;

/// <summary>
/// Listens to one event of the hub with the .NET SignalR client, as an integration would, for the bench verb and
/// tests: each event with the moment it arrived, in a channel that ends when the server closes the connection.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<ReceivedEvent> _events = Channel.CreateUnbounded<ReceivedEvent>();

    private HubClient(HubConnection connection) => _connection = connection;

    public sealed record ReceivedEvent(JsonElement Argument, long ReceivedTimestamp);

    public ChannelReader<ReceivedEvent> Events => _events.Reader;

    public static async Task<HubClient> ConnectAsync(Uri hubUrl, string apiToken, string eventName, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(apiToken);
                // Straight to the WebSocket, as a browser's fastest path: a refused token is refused at the upgrade.
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        var client = new HubClient(connection);
        connection.On<JsonElement>(eventName, argument => client._events.Writer.TryWrite(new ReceivedEvent(argument, Stopwatch.GetTimestamp())));
        connection.Closed += _ =>
        {
            client._events.Writer.TryComplete();
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _events.Writer.TryComplete();
    }
}
