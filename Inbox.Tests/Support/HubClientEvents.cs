using Inbox.Web.Cli;

namespace Inbox.Tests.Support;

public static class HubClientEvents
{
    /// <summary>Reads the events received so far and counts those that arrived after <paramref name="timestamp"/>.</summary>
    public static int CountArrivedAfter(this HubClient hub, long timestamp)
    {
        var count = 0;
        while (hub.Events.TryRead(out var received))
        {
            count += received.ReceivedTimestamp > timestamp ? 1 : 0;
        }
        return count;
    }
}
