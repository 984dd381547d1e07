using Dapper;

namespace Inbox.Tests.Support;

/// <summary>The plan either database would choose for a query, as text, for tests that check which indexes serve it.</summary>
public static class QueryPlan
{
    public static async Task<string> OfAsync(TestDatabase database, string sql)
    {
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        if (database.Provider != "postgres")
        {
            return string.Join('\n', (await connection.QueryAsync("EXPLAIN QUERY PLAN " + sql)).Select(row => (string)row.detail));
        }
        // A test's tables are nearly empty and read whole whatever their indexes: the planner is asked which index it
        // would take. SET LOCAL, because pooled connections are not reset and this must not outlive the transaction.
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off", transaction: transaction);
        return string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + sql, transaction: transaction));
    }
}
