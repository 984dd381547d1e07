using Dapper;
using Inbox.Core.Search;
using Inbox.Core.Storage;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Search;

/// <summary>Full-text search over messages, edits, comments and names, on a real SQLite file with FTS5.</summary>
public sealed class SearchTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;
    private SearchStore _search = default!;
    private int _mid;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _search = new SearchStore(_inbox.Db.Database);
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task Messages_edits_comments_and_names_are_found_accents_and_case_ignored_the_last_word_as_a_prefix()
    {
        await WriteAsync("7100000000000061", "Do you have the Crème brûlée candle?");
        await _inbox.DeliverAsync(Fixture.Bytes("message-edit.json"), Fixture.Feed("comment-add.json"), Fixture.Feed("comment-edited.json"));
        await using (var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE contacts SET name = 'Léonie Durand' WHERE psid = '7100000000000061'");
        }

        Assert.Equal(SearchHitKind.Message, Assert.Single(await SearchAsync("creme brulee")).Kind);
        Assert.Equal(SearchHitKind.Message, Assert.Single(await SearchAsync("saturday morn")).Kind);
        Assert.Single(await SearchAsync("Satruday"));
        var comment = Assert.Single(await SearchAsync("villeurbanne"));
        Assert.Equal((SearchHitKind.Comment, "Chloé Bernard"), (comment.Kind, comment.Title));
        var contact = Assert.Single(await SearchAsync("leonie"));
        Assert.Equal((SearchHitKind.Contact, "Léonie Durand"), (contact.Kind, contact.Title));
        Assert.NotNull(contact.ConversationId);
    }

    [Fact]
    public async Task The_best_match_comes_first_and_matches_are_marked_in_the_snippet()
    {
        await WriteAsync("7100000000000062", "Is the candle in stock?");
        await WriteAsync("7100000000000063", "Vanilla candle, vanilla scent, vanilla everything: which vanilla candle lasts longest?");
        await WriteAsync("7100000000000064", "Shipping to Lille?");

        var hits = await SearchAsync("vanilla candle");

        var best = hits[0];
        Assert.Single(hits);
        Assert.Contains($"{SqlDialect.SearchMarkStart}Vanilla{SqlDialect.SearchMarkEnd}", best.Snippet, StringComparison.Ordinal);
        var candles = await SearchAsync("candle");
        Assert.Equal(2, candles.Count);
        Assert.StartsWith("Vanilla", candles[0].Snippet.Replace(SqlDialect.SearchMarkStart.ToString(), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("candle\" OR \"x")]
    [InlineData("NEAR(candle stock)")]
    [InlineData("body:candle")]
    [InlineData("* ^ ( ) - +")]
    [InlineData("AND")]
    [InlineData("")]
    public async Task Whatever_a_person_types_is_text_never_syntax(string typed)
    {
        await WriteAsync("7100000000000065", "Is the candle in stock? AND body: NEAR the door");

        var exception = await Record.ExceptionAsync(() => SearchAsync(typed));

        Assert.Null(exception);
    }

    [Fact]
    public async Task Quotes_and_operators_in_a_query_are_matched_as_words()
    {
        await WriteAsync("7100000000000066", "Is the candle in stock?");

        Assert.Single(await SearchAsync("\"candle\" stock"));
        Assert.Single(await SearchAsync("(candle)"));
        Assert.Empty(await SearchAsync("candle OR lavender"));
    }

    // Messages are indexed by the background indexer a moment after they are stored; here, before each search.
    private async Task<IReadOnlyList<SearchHit>> SearchAsync(string typed)
    {
        var indexer = new SearchIndexer(_inbox.Db.Database, new Inbox.Core.Storage.WriteGate(), _inbox.Feed, _inbox.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SearchIndexer>.Instance);
        while (await indexer.IndexBatchAsync(CancellationToken.None) > 0)
        {
        }
        return await _search.SearchAsync(typed, 20, CancellationToken.None);
    }

    [Fact]
    public async Task The_words_side_by_side_come_first_then_the_newest()
    {
        // Lengths chosen so that ranking by bm25 (short messages first) would give another order.
        await WriteAsync("7100000000000070", "Hello, could you please refund order 1123 for me? It came two weeks late and the box was broken");
        await WriteAsync("7100000000000071", "Order here, refund?");
        await WriteAsync("7100000000000072", "My order from last week is not what I wanted, so I would like a refund of it");

        var hits = await SearchAsync("refund ord");

        Assert.Equal([await ConversationOfAsync("7100000000000070"), await ConversationOfAsync("7100000000000072"), await ConversationOfAsync("7100000000000071")],
            hits.Select(h => h.ConversationId));
    }

    private async Task<long?> ConversationOfAsync(string psid)
    {
        await using var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT c.id FROM conversations c JOIN contacts p ON p.id = c.contact_id WHERE p.psid = @Psid", new { Psid = psid });
    }

    [Fact]
    public async Task The_indexer_adds_each_message_once_however_often_it_runs()
    {
        await WriteAsync("7100000000000067", "Lavender refill please");
        Assert.Single(await SearchAsync("lavender"));
        await WriteAsync("7100000000000068", "Another lavender question");

        Assert.Equal(2, (await SearchAsync("lavender")).Count);
        Assert.Equal(2, (await SearchAsync("lavender")).Count);
    }

    private Task WriteAsync(string psid, string text)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1795600000000 + ++_mid * 1000);
        return _inbox.DeliverAsync(Fixture.CustomerText(psid, at, $"m_search_{_mid}", text));
    }
}
