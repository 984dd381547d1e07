using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Nodes;

/// <summary>
/// Work that calls Meta for one item (a profile, a post, a comment to hide) is done by one node: the node takes a
/// lease on the item first. Taking one is a single statement, atomic on both databases: a second node's insert finds
/// the row and changes it only when the lease has run out. A lease is kept when the work is done, so a node working
/// from a list read a moment earlier does not do it again (work due again later, such as a stale profile, names the
/// item with its version); it runs out by itself, as does one held by a node that died, and another node then does
/// the work if it is still due.
/// </summary>
public sealed class WorkLeases(Database database, NodeIdentity node, TimeProvider time)
{
    private static readonly TimeSpan s_pruneEvery = TimeSpan.FromHours(1);
    private long _prunedAt;

    /// <summary>True when this node now holds the lease on <paramref name="item"/>; false when another node does.</summary>
    public async Task<bool> TryTakeAsync(string kind, string item, TimeSpan length, CancellationToken cancellationToken)
    {
        const string Take = """
            INSERT INTO work_leases (kind, item, node, lease_until) VALUES (@Kind, @Item, @Node, @Until)
            ON CONFLICT (kind, item) DO UPDATE SET node = excluded.node, lease_until = excluded.lease_until
            WHERE work_leases.lease_until < @Now
            RETURNING item
            """;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        if (now.ToUnixTimeMilliseconds() - Interlocked.Read(ref _prunedAt) > s_pruneEvery.TotalMilliseconds)
        {
            // Leases long run out are only history: the table stays the size of the work in hand.
            Interlocked.Exchange(ref _prunedAt, now.ToUnixTimeMilliseconds());
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM work_leases WHERE lease_until < @Before", new { Before = now - s_pruneEvery }, cancellationToken: cancellationToken));
        }
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            Take, new { Kind = kind, Item = item, Node = node.Id, Until = now + length, Now = now }, cancellationToken: cancellationToken)) is not null;
    }

    /// <summary>Gives a lease back early, when the work could not be done now and should be tried again soon, by any node.</summary>
    public async Task ReleaseAsync(string kind, string item, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM work_leases WHERE kind = @Kind AND item = @Item AND node = @Node",
            new { Kind = kind, Item = item, Node = node.Id }, cancellationToken: cancellationToken));
    }
}
