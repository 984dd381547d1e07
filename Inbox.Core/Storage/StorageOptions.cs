namespace Inbox.Core.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string DefaultSqliteConnectionString = "Data Source=./data/inbox.db";

    /// <summary><c>sqlite</c> (default: one node, one file) or <c>postgres</c> (one database for several nodes).</summary>
    public string Provider { get; set; } = "sqlite";

    public bool IsPostgres => Provider.ToLowerInvariant() is "postgres" or "postgresql";

    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;
}
