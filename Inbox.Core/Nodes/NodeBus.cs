using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Inbox.Core.Nodes;

/// <summary>
/// What one node tells the others, over Redis pub/sub: committed changes, presence, user and settings changes. Each
/// message carries the sender's id, so a node does not hear itself. Pub/sub keeps nothing: a node that is down misses
/// messages, and everything sent here is either re-read from the database when it matters or repeated (presence).
/// </summary>
public sealed partial class NodeBus(IConnectionMultiplexer redis, NodeIdentity node, ILogger<NodeBus> logger)
{
    private sealed record Envelope<T>(string Node, T Message);

    private int _unreachable;

    /// <summary>Sends to the other nodes; never throws: with Redis away, they miss it, and this node goes on.</summary>
    public void Publish<T>(string channel, T message)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Envelope<T>(node.Id, message));
        try
        {
            // Fire and forget: the caller is on a hot path (a commit, a keystroke). Messages of one connection keep their order.
            redis.GetSubscriber().Publish(RedisChannel.Literal("inbox:" + channel), payload, CommandFlags.FireAndForget);
            if (Interlocked.Exchange(ref _unreachable, 0) == 1)
            {
                LogReachable();
            }
        }
        catch (RedisException exception)
        {
            // Logged once per outage, not once per change.
            if (Interlocked.Exchange(ref _unreachable, 1) == 0)
            {
                LogUnreachable(exception);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="action"/> each time this node's subscription link to Redis comes back after it was lost:
    /// whatever the others published in between is gone (pub/sub keeps nothing).
    /// </summary>
    public IDisposable OnHeardAgain(Action action)
    {
        void Restored(object? sender, ConnectionFailedEventArgs link)
        {
            if (link.ConnectionType == ConnectionType.Subscription)
            {
                action();
            }
        }
        redis.ConnectionRestored += Restored;
        return new Unsubscribe(() => redis.ConnectionRestored -= Restored);
    }

    /// <summary>Calls <paramref name="handler"/> with what other nodes publish on <paramref name="channel"/>, in order.</summary>
    public async Task SubscribeAsync<T>(string channel, Action<string, T> handler, CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("inbox:" + channel));
        cancellationToken.Register(() => queue.Unsubscribe(CommandFlags.FireAndForget));
        queue.OnMessage(message =>
        {
            Envelope<T>? envelope;
            try
            {
                envelope = JsonSerializer.Deserialize<Envelope<T>>((byte[])message.Message!);
            }
            catch (JsonException exception)
            {
                LogUnreadable(exception, channel);
                return;
            }
            if (envelope is null || envelope.Node == node.Id)
            {
                return;
            }
            try
            {
                handler(envelope.Node, envelope.Message);
            }
            catch (Exception exception)
            {
                // Redis's reader thread must go on to the next message whatever one handler does.
                LogHandlerFailed(exception, channel);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cannot be reached: other nodes miss this node's changes and presence until it is back")]
    private partial void LogUnreachable(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is reachable again: other nodes hear this node's changes")]
    private partial void LogReachable();

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unreadable message from another node on {Channel} was ignored")]
    private partial void LogUnreadable(Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message from another node on {Channel} failed")]
    private partial void LogHandlerFailed(Exception exception, string channel);
}
