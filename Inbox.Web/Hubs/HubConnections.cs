using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Web.Hubs;

/// <summary>
/// The hub connections open on this node, with the user each was authenticated as. SignalR checks credentials only
/// when a connection opens; <see cref="HubSessionSweeper"/> re-checks these so a connection does not outlive its user's
/// access.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    public void Opened(HubCallerContext context) => _open[context.ConnectionId] = context;

    public void Closed(HubCallerContext context) => _open.TryRemove(context.ConnectionId, out _);

    public IReadOnlyCollection<HubCallerContext> Snapshot() => [.. _open.Values];
}
