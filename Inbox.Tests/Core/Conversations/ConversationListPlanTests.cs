using Dapper;
using Inbox.Core.Conversations;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Conversations;

/// <summary>
/// Every list row's "last reply failed" mark is one lookup in an index of outgoing messages, not a read of all the
/// conversation's messages: the list is read for every change (by each node's shared view heads), so its cost is
/// paid hundreds of times a second under load (issue #15, #18).
/// </summary>
public sealed class ConversationListPlanTests
{
    private const string List = ConversationStore.SummarySelect + " WHERE c.status IN ('open', 'pending') ORDER BY c.last_message_at DESC, c.id DESC LIMIT 60";

    [Fact]
    public async Task The_last_reply_of_each_row_is_found_in_the_outgoing_messages_index()
    {
        using var database = await new TestDatabase().MigratedAsync();
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);

        string plan;
        if (database.Provider == "postgres")
        {
            // An empty table is read whole whatever its indexes: the planner is asked which index it would take.
            await connection.ExecuteAsync("SET enable_seqscan = off; SET enable_bitmapscan = off");
            plan = string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + List));
        }
        else
        {
            plan = string.Join('\n', (await connection.QueryAsync("EXPLAIN QUERY PLAN " + List)).Select(row => (string)row.detail));
        }

        Assert.Contains("messages_last_reply", plan, StringComparison.Ordinal);
    }
}
