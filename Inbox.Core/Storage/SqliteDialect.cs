using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Inbox.Core.Storage;

/// <summary>One file, one writer at a time: the default, for a team on one machine.</summary>
public sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    public SqliteDialect(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException("Storage:ConnectionString names no database file (Data Source=...).");
        }
        Location = Path.GetFullPath(builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        builder.DataSource = Location;
        _connectionString = builder.ToString();
    }

    public override string Name => "sqlite";

    /// <summary>The database file, as an absolute path.</summary>
    public override string Location { get; }

    public override bool SingleWriter => true;

    public override async Task<DbConnection> OpenAsync(bool durable, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per-connection settings: enforce foreign keys, make a commit durable before it returns (or, for redoable
            // work, at the next durable commit of any connection: they share one write-ahead log), and leave
            // checkpoints to WalCheckpointer (SQLite's own, at 10,000 pages, remains as a fallback).
            await connection.ExecuteAsync(new CommandDefinition(
                $"PRAGMA foreign_keys = ON; PRAGMA synchronous = {(durable ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 10000;",
                cancellationToken: cancellationToken));
            // Redoable work is the ingest worker's: many events on one connection, the same statements for each.
            return durable ? connection : new StatementCachingConnection(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Switches the file to write-ahead logging; the mode is stored in the file, so once is enough.</summary>
    public async Task EnableWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(durable: true, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
    }

    // The migration's first write takes SQLite's one write lock for the whole transaction.
    public override string SkipLocked => "";

    public override string IsIn(string parameter) => $"IN {parameter}";

    public override string MigrationLockSql => "";

    public override string IdentityColumn => "INTEGER PRIMARY KEY";

    public override string BytesColumn => "BLOB";

    // FTS5: words without accents or case ("creme" finds "Crème"), so French and English search alike. The prefix
    // indexes serve search as you type: without them "trac" merges the postings of every word starting so (15 to 20
    // ms for a common word over a million messages); with them it is one lookup, for an index about five times larger.
    public override string SearchIndexTable =>
        "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, ref_id UNINDEXED, conversation_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7 8')";

    // Newest first, except that among the 500 newest messages with every word, those with the words as typed, side by
    // side, come first. Every walk stops early: the phrase is looked for only as far back as those 500 reach (a phrase
    // found nowhere meant reading every message with the words: 22 to 34 ms for "paris refund order" over a million).
    // Ranking with bm25 cost more than the search itself: before scoring it counts, over the whole index, the
    // messages holding each word (17 ms for that query, even for 50 rows).
    public override string SearchSql => $"""
        WITH recent AS MATERIALIZED (
            SELECT rowid AS id FROM search_index WHERE search_index MATCH @Terms ORDER BY rowid DESC LIMIT {PhraseWindow}
        ), best AS (
            SELECT id, MIN(tier) AS tier FROM (
                SELECT * FROM (
                    SELECT rowid AS id, 0 AS tier FROM search_index
                    WHERE search_index MATCH @Phrase AND rowid >= (SELECT MIN(id) FROM recent) ORDER BY rowid DESC LIMIT @Limit)
                UNION ALL
                SELECT * FROM (SELECT id, 1 AS tier FROM recent ORDER BY id DESC LIMIT @Limit)
            ) GROUP BY id ORDER BY tier, id DESC LIMIT @Limit
        )
        SELECT kind, CAST(ref_id AS TEXT) AS ref_id, conversation_id,
               snippet(search_index, 3, char({(int)SearchMarkStart}), char({(int)SearchMarkEnd}), '…', 12) AS snippet
        FROM search_index JOIN best ON best.id = search_index.rowid
        WHERE search_index MATCH @Terms
        ORDER BY best.tier, best.id DESC
        """;

    public override string ContactSearchSql => """
        SELECT CAST(ref_id AS INTEGER) AS contact_id FROM search_index
        WHERE search_index MATCH @Terms AND kind = 'contact' ORDER BY rowid DESC LIMIT @Limit
        """;

    // Every word becomes a quoted string (quotes inside doubled), so operators, parentheses, colons and stars
    // typed by a person are just text; the last word matches as a prefix, for search as you type.
    public override string SearchTerms(string typed)
    {
        var words = SearchWords(typed).Select(word => "\"" + Quoted(word) + "\"").ToList();
        return words.Count == 0 ? "" : string.Join(' ', words) + "*";
    }

    // One quoted string of several words is an FTS5 phrase; the star makes its last word a prefix.
    public override string SearchPhrase(string typed)
    {
        var words = SearchWords(typed);
        return words.Count == 0 ? "" : "\"" + string.Join(' ', words.Select(Quoted)) + "\"*";
    }

    private static string Quoted(string word) => word.Replace("\"", "\"\"", StringComparison.Ordinal);
}
