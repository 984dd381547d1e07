using System.Data.Common;

namespace Inbox.Core.Storage;

/// <summary>
/// Every difference between the databases we run on lives here and in its two subclasses: how a connection is
/// opened, the few column types and placeholders migrations leave open, and full-text search. Migrations and stores
/// write the SQL subset SQLite and PostgreSQL share.
/// </summary>
public abstract class SqlDialect : IDisposable
{
    public static SqlDialect For(StorageOptions storage) => storage.Provider.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteDialect(storage.ConnectionString),
        _ when storage.IsPostgres => new PostgresDialect(storage.ConnectionString),
        _ => throw new InvalidOperationException(
            $"Storage:Provider '{storage.Provider}' is not supported. Use 'sqlite' (one node, the default) or 'postgres' (several nodes)."),
    };

    public abstract string Name { get; }

    /// <summary>Where the data is, for people: a file path, or a server and database (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>
    /// True when one process writes at a time (SQLite): ids then grow in commit order, and background indexing can
    /// follow them. PostgreSQL commits concurrent transactions in any order.
    /// </summary>
    public abstract bool SingleWriter { get; }

    /// <summary>A new, open connection with this dialect's per-connection settings.</summary>
    /// <param name="durable">False for writes that are redone from data already durable: commits need not each reach the disk.</param>
    public abstract Task<DbConnection> OpenAsync(bool durable, CancellationToken cancellationToken);

    /// <summary>
    /// "Is one of the list <paramref name="parameter"/>": Dapper expands a list into <c>IN (@p1, @p2)</c> for SQLite,
    /// but hands PostgreSQL the list as one array, which only <c>= ANY(...)</c> accepts.
    /// </summary>
    public abstract string IsIn(string parameter);

    /// <summary>
    /// Ends a SELECT that claims rows for this transaction: locks them, skipping rows another transaction holds.
    /// Empty on SQLite, whose one writer holds the whole database.
    /// </summary>
    public abstract string SkipLocked { get; }

    /// <summary>Run first in the migration transaction, so two processes starting at once apply each script once.</summary>
    public abstract string MigrationLockSql { get; }

    /// <summary>The column type of an auto-numbered 64-bit primary key.</summary>
    public abstract string IdentityColumn { get; }

    /// <summary>The column type of raw bytes.</summary>
    public abstract string BytesColumn { get; }

    /// <summary>Creates the full-text index <c>search_index (kind, ref_id, conversation_id, body)</c>.</summary>
    public abstract string SearchIndexTable { get; }

    /// <summary>
    /// The search query: at most <c>@Limit</c> rows of <c>search_index</c> matching <c>@Terms</c>, newest first, except
    /// that among the <see cref="PhraseWindow"/> newest, those matching <c>@Phrase</c> come first; each with a snippet
    /// of <c>body</c> whose matches are wrapped in <see cref="SearchMarkStart"/> and <see cref="SearchMarkEnd"/>.
    /// </summary>
    public abstract string SearchSql { get; }

    /// <summary>How many of the newest matches the words typed side by side are looked for in.</summary>
    public const int PhraseWindow = 500;

    /// <summary>Ids (<c>contact_id</c>) of the contacts whose name matches <c>@Terms</c>, at most <c>@Limit</c>.</summary>
    public abstract string ContactSearchSql { get; }

    /// <summary>Turns what a person typed into the dialect's match expression, so no character of it is syntax.</summary>
    public abstract string SearchTerms(string typed);

    /// <summary>The same words as one phrase (in the order typed, side by side), the last a prefix.</summary>
    public abstract string SearchPhrase(string typed);

    public const char SearchMarkStart = '\u0002';
    public const char SearchMarkEnd = '\u0003';

    /// <summary>Fills the dialect placeholders (<c>{{identity}}</c>, <c>{{bytes}}</c>, <c>{{search_index}}</c>) of a migration script.</summary>
    public virtual string Render(string sql) => sql
        .Replace("{{identity}}", IdentityColumn, StringComparison.Ordinal)
        .Replace("{{bytes}}", BytesColumn, StringComparison.Ordinal)
        .Replace("{{search_index}}", SearchIndexTable, StringComparison.Ordinal);

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    /// <summary>The words of what a person typed, each only letters, digits and the few marks names and addresses use.</summary>
    protected static List<string> SearchWords(string typed) =>
        [.. typed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string([.. word.Where(c => char.IsLetterOrDigit(c) || c is '\'' or '-' or '@' or '.' or '_')]))
            .Where(word => word.Length > 0)];
}
