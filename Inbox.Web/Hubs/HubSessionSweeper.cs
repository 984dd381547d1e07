using Inbox.Core.Operations;
using Inbox.Core.Users;
using Inbox.Web.Auth;

namespace Inbox.Web.Hubs;

/// <summary>
/// Closes hub connections whose user was disabled, demoted or given a new password, or whose API token was revoked,
/// as Blazor circuits are revalidated: every few seconds, through the same <see cref="SessionValidator"/> cache, so the
/// cost is one lookup per user (not per connection) per <see cref="SessionValidator.CheckInterval"/>.
/// </summary>
public sealed partial class HubSessionSweeper(
    HubConnections connections, SessionValidator sessions, UserChanges changes, TimeProvider time, ILogger<HubSessionSweeper> logger)
    : WorkerLoop(time, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        foreach (var connection in connections.Snapshot())
        {
            if (connection.User is null || !await sessions.IsValidAsync(connection.User, stoppingToken))
            {
                LogClosing(logger, connection.ConnectionId);
                connection.Abort();
                connections.Closed(connection);
            }
        }
        return false;
    }

    // A change made on this node is checked at once; one made elsewhere within the interval and the cache's age.
    protected override Task<bool> WaitForWorkAsync(CancellationToken stoppingToken) => PulseOrTimeoutAsync(changes, Interval, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed hub connection {ConnectionId}: its user or token no longer has access")]
    private static partial void LogClosing(ILogger logger, string connectionId);
}
