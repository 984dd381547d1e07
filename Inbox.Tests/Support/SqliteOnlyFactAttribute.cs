namespace Inbox.Tests.Support;

/// <summary>A test of something only SQLite has (its file, its lock, its write-ahead log): skipped on PostgreSQL runs.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string why)
    {
        if (PostgresServer.IsTestProvider)
        {
            Skip = "SQLite only: " + why;
        }
    }
}
