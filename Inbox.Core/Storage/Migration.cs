namespace Inbox.Core.Storage;

/// <summary>One versioned schema change. Versions are applied in ascending order, each exactly once.</summary>
public sealed record Migration(int Version, string Name, string Sql);
