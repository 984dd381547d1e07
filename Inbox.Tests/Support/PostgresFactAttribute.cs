namespace Inbox.Tests.Support;

/// <summary>A test that needs the PostgreSQL server test.sh starts: skipped (saying so) when there is none.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresServer.IsConfigured)
        {
            Skip = $"Needs PostgreSQL: set {PostgresServer.Variable} (test.sh does).";
        }
    }
}
