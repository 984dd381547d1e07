namespace Inbox.Core.Nodes;

/// <summary>This process among the nodes sharing a database: unique per start, so a restarted node is a new one.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
