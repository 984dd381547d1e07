namespace Inbox.Tests.Support;

/// <summary>A test of several Inbox nodes: needs the PostgreSQL and Redis test.sh starts, and says so when they are missing.</summary>
public sealed class SeveralNodesFactAttribute : FactAttribute
{
    public SeveralNodesFactAttribute()
    {
        if (!PostgresServer.IsConfigured || !TwoNodes.RedisConfigured)
        {
            Skip = $"Needs PostgreSQL and Redis: set {PostgresServer.Variable} and {TwoNodes.RedisVariable} (test.sh does).";
        }
    }
}
