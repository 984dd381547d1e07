using System.Text.Json;
using Dapper;
using Inbox.Core.Conversations;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Conversations;

/// <summary>
/// The conversation list is read for every change (by each node's shared view heads), so its cost is paid hundreds of
/// times a second under load (issue #15, #18): each row's "last reply failed" mark is one lookup in an index of
/// outgoing messages, and only the page's rows are joined, whatever the database knows of its tables.
/// </summary>
public sealed class ConversationListPlanTests
{
    private static readonly string s_list = ConversationStore.ListSql(ConversationFilter.All).Replace("@Limit", "60", StringComparison.Ordinal).Replace("@Offset", "0", StringComparison.Ordinal);

    [Fact]
    public async Task The_last_reply_of_each_row_is_found_in_the_outgoing_messages_index()
    {
        using var database = await new TestDatabase().MigratedAsync();

        var plan = await QueryPlan.OfAsync(database, s_list);

        Assert.Contains("messages_last_reply", plan, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Only_the_pages_rows_are_joined_even_when_the_planner_reads_every_conversation()
    {
        using var database = await new TestDatabase("postgres").MigratedAsync();
        await new Inbox.Core.Pages.PageStore(database.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider())
            .AddIfMissingAsync("104857600000001", "Demo Page", "UTC", CancellationToken.None);
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO contacts (page_id, psid, created_at) SELECT '104857600000001', 'psid-' || g, 0 FROM generate_series(1, 2000) g;
            INSERT INTO conversations (page_id, contact_id, last_message_at, created_at) SELECT page_id, id, id * 1000, 0 FROM contacts;
            """);
        await using var transaction = await connection.BeginTransactionAsync();
        // What PostgreSQL chose in the two-node bench when its statistics lagged a burst of new customers (it guessed
        // 18 open conversations of 3,138): read them all and sort, rather than walk the activity index.
        await connection.ExecuteAsync("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off", transaction: transaction);

        var plan = JsonDocument.Parse(await connection.QuerySingleAsync<string>("EXPLAIN (ANALYZE, FORMAT JSON) " + s_list, transaction: transaction));

        var joins = Nodes(plan.RootElement[0].GetProperty("Plan"))
            .Where(node => node.GetProperty("Node Type").GetString() is "Hash Join" or "Merge Join" or "Nested Loop")
            .Select(node => node.GetProperty("Actual Rows").GetDouble() * node.GetProperty("Actual Loops").GetDouble())
            .ToList();
        Assert.NotEmpty(joins);
        Assert.All(joins, rows => Assert.InRange(rows, 0, 60));
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children) ? [node, .. children.EnumerateArray().SelectMany(Nodes)] : [node];
}
