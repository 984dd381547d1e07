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

    /// <summary>Fills the dialect placeholders (<c>{{identity}}</c>, <c>{{bytes}}</c>) of a migration script.</summary>
    public string Render(string sql) => sql
        .Replace("{{identity}}", IdentityColumn, StringComparison.Ordinal)
        .Replace("{{bytes}}", BytesColumn, StringComparison.Ordinal);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Name => "sqlite";

        public override string IdentityColumn => "INTEGER PRIMARY KEY";

        public override string BytesColumn => "BLOB";
    }
}
