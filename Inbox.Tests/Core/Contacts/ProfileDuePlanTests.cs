using Dapper;
using Inbox.Core.Contacts;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Contacts;

/// <summary>
/// The profile worker asks which contacts are due after every applied group of messages: the answer must come from
/// an index of contacts not asked yet and the recently active conversations, not from a read of every contact.
/// </summary>
public sealed class ProfileDuePlanTests
{
    private static readonly string s_due = ContactStore.DueForProfileSql
        .Replace("@Limit", "20", StringComparison.Ordinal).Replace("@StaleBefore", "1700000000000", StringComparison.Ordinal);

    [Fact]
    public async Task Contacts_not_asked_yet_are_found_in_their_own_index_and_stale_ones_among_recent_conversations()
    {
        using var database = await new TestDatabase().MigratedAsync();
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);

        string plan;
        if (database.Provider == "postgres")
        {
            // Empty tables are read whole whatever their indexes: the planner is asked which it would take.
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("SET LOCAL enable_seqscan = off", transaction: transaction);
            plan = string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + s_due, transaction: transaction));
        }
        else
        {
            plan = string.Join('\n', (await connection.QueryAsync("EXPLAIN QUERY PLAN " + s_due)).Select(row => (string)row.detail));
        }

        Assert.Contains("contacts_profile_unchecked", plan, StringComparison.Ordinal);
        Assert.Contains("conversations_by_activity", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN p\n", plan + "\n", StringComparison.Ordinal);
    }
}
