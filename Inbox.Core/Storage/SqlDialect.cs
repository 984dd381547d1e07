namespace Inbox.Core.Storage;

/// <summary>
/// Every difference between the SQL dialects we run on lives here. Migrations and stores write the subset
/// SQLite and PostgreSQL share; the few placeholders below are filled per dialect.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect For(string provider) => provider.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteDialect(),
        _ => throw new InvalidOperationException(
            $"Storage:Provider '{provider}' is not supported. Use 'sqlite' (PostgreSQL support is on its way)."),
    };

    public abstract string Name { get; }

    /// <summary>The column type of an auto-numbered 64-bit primary key.</summary>
    public abstract string IdentityColumn { get; }

    /// <summary>The column type of raw bytes.</summary>
    public abstract string BytesColumn { get; }

    /// <summary>Creates the full-text index <c>search_index (kind, ref_id, conversation_id, body)</c>.</summary>
    public abstract string SearchIndexTable { get; }

    /// <summary>
    /// The search query: rows of <c>search_index</c> matching <c>@Terms</c>, best first, each with a snippet of
    /// <c>body</c> whose matches are wrapped in <see cref="SearchMarkStart"/> and <see cref="SearchMarkEnd"/>.
    /// </summary>
    public abstract string SearchSql { get; }

    /// <summary>Ids (<c>contact_id</c>) of the contacts whose name matches <c>@Terms</c>, at most <c>@Limit</c>.</summary>
    public abstract string ContactSearchSql { get; }

    /// <summary>Turns what a person typed into the dialect's match expression, so no character of it is syntax.</summary>
    public abstract string SearchTerms(string typed);

    public const char SearchMarkStart = '\u0002';
    public const char SearchMarkEnd = '\u0003';

    /// <summary>Fills the dialect placeholders (<c>{{identity}}</c>, <c>{{bytes}}</c>, <c>{{search_index}}</c>) of a migration script.</summary>
    public string Render(string sql) => sql
        .Replace("{{identity}}", IdentityColumn, StringComparison.Ordinal)
        .Replace("{{bytes}}", BytesColumn, StringComparison.Ordinal)
        .Replace("{{search_index}}", SearchIndexTable, StringComparison.Ordinal);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Name => "sqlite";

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
            var words = typed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(word => new string([.. word.Where(c => char.IsLetterOrDigit(c) || c is '\'' or '-' or '@' or '.' or '_')]))
                .Where(word => word.Length > 0)
                .Select(word => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
                .ToList();
            return words.Count == 0 ? "" : string.Join(' ', words) + "*";
        }
    }
}
