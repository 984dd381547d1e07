using Inbox.Core.Nodes;
using Inbox.Core.Storage;
using StackExchange.Redis;

namespace Inbox.Web.Startup;

/// <summary>
/// Several nodes on one PostgreSQL database talk through Redis: the Blazor circuits' live feed and presence through
/// Inbox's own pub/sub channels (<see cref="NodeBus"/>), the hub through SignalR's Redis backplane.
/// </summary>
public static partial class NodeRegistration
{
    public static IServiceCollection AddNodes(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.Enabled)
        {
            if (storage.IsPostgres)
            {
                // PostgreSQL is how several nodes share data; without Redis, each node's screens would miss what the
                // others commit, silently.
                throw new InvalidOperationException(
                    "Storage:Provider is postgres, but Redis:ConnectionString (env Redis__ConnectionString) is not set. " +
                    "Nodes sharing a PostgreSQL database need Redis to show each other's changes live. Set it, for example " +
                    "to 127.0.0.1:6379, or run one node on SQLite (Storage:Provider=sqlite).");
            }
            return services;
        }

        var options = ConfigurationOptions.Parse(redis.ConnectionString!);
        // A Redis outage must not stop a node from starting or serving: it reconnects by itself, and until then only
        // the other nodes' live updates are missing.
        options.AbortOnConnectFail = false;
        // Tried again every 2 s while it is away, not at ever longer intervals: the nodes hear each other soon after it is back.
        options.ReconnectRetryPolicy = new LinearRetry(2_000);
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var connection = ConnectionMultiplexer.Connect(options);
            // In the log as they happen: what other nodes publish while this node's link is down never reaches it.
            var logger = provider.GetRequiredService<ILogger<NodeBus>>();
            connection.ConnectionFailed += (_, failed) => LogLinkLost(logger, failed.Exception, failed.ConnectionType, failed.FailureType);
            connection.ConnectionRestored += (_, restored) => LogLinkRestored(logger, restored.ConnectionType);
            return connection;
        });
        services.AddSingleton<NodeBus>();
        services.AddHostedService<ChangeRelay>();
        services.AddHostedService<UserChangeRelay>();
        services.AddHostedService<PageSettingsRelay>();
        services.AddHostedService<PresenceRelay>();
        services.AddSignalR().AddStackExchangeRedis(hub =>
        {
            hub.Configuration = options.Clone();
            hub.Configuration.ChannelPrefix = RedisChannel.Literal("inbox-hub");
        });
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Link} link to Redis was lost ({Failure}): changes and presence other nodes publish meanwhile do not reach this node")]
    private static partial void LogLinkLost(ILogger logger, Exception? exception, ConnectionType link, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Link} link to Redis is back")]
    private static partial void LogLinkRestored(ILogger logger, ConnectionType link);
}
