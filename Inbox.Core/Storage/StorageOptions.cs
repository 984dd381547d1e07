namespace Inbox.Core.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string DefaultSqliteConnectionString = "Data Source=./data/inbox.db";

    /// <summary><c>sqlite</c> (default); <c>postgres</c> arrives with scale-out.</summary>
    public string Provider { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;
}
