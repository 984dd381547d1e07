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
            return connection;
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

    // FTS5: words without accents or case ("creme" finds "Crème"), so French and English search alike.
    public override string SearchIndexTable =>
        "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, ref_id UNINDEXED, conversation_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')";

    // Ranked by relevance among the 2,000 newest matches: scoring every match of a common word over a million
    // messages costs hundreds of milliseconds, and in an inbox the recent conversation is the one wanted.
    public override string SearchSql => $"""
        WITH recent AS (
            SELECT rowid AS id, bm25(search_index) AS score FROM search_index WHERE search_index MATCH @Terms ORDER BY rowid DESC LIMIT 2000
        ), best AS (SELECT id, score FROM recent ORDER BY score LIMIT @Limit)
        SELECT kind, CAST(ref_id AS TEXT) AS ref_id, conversation_id,
               snippet(search_index, 3, char({(int)SearchMarkStart}), char({(int)SearchMarkEnd}), '…', 12) AS snippet
        FROM search_index JOIN best ON best.id = search_index.rowid
        WHERE search_index MATCH @Terms
        ORDER BY best.score
        """;

    public override string ContactSearchSql => """
        SELECT CAST(ref_id AS INTEGER) AS contact_id FROM search_index
        WHERE search_index MATCH @Terms AND kind = 'contact' ORDER BY rowid DESC LIMIT @Limit
        """;

    // Every word becomes a quoted string (quotes inside doubled), so operators, parentheses, colons and stars
    // typed by a person are just text; the last word matches as a prefix, for search as you type.
    public override string SearchTerms(string typed)
    {
        var words = SearchWords(typed).Select(word => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToList();
        return words.Count == 0 ? "" : string.Join(' ', words) + "*";
    }
}
