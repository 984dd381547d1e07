namespace Inbox.Core.Nodes;

/// <summary>The <c>Redis</c> configuration section: set it to run several nodes on one PostgreSQL database.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:port</c>, options after commas); empty: one node.</summary>
    public string? ConnectionString { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
