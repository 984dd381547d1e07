using Dapper;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Storage;

/// <summary>
/// Brings the schema up to date. The whole run is one write transaction, taken first (SQLite's write lock, a
/// PostgreSQL advisory lock), so two processes starting at once cannot both apply a version, and a failing script
/// leaves nothing half-applied.
/// </summary>
public sealed partial class Migrator(Database database, TimeProvider time, ILogger<Migrator> logger)
{
    private const string CreateSchemaTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        );
        """;

    /// <summary>Applies the shipped migrations that are not yet recorded; returns those it applied.</summary>
    public Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken) =>
        MigrateAsync(EmbeddedMigrations.For(database.Dialect), cancellationToken);

    public async Task<IReadOnlyList<Migration>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        if (database.Dialect is SqliteDialect sqlite)
        {
            await sqlite.EnableWriteAheadLogAsync(cancellationToken);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Dialect.MigrationLockSql.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(database.Dialect.MigrationLockSql, transaction: transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(CreateSchemaTable, transaction: transaction, cancellationToken: cancellationToken));

        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
        var pending = migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version).ToList();
        foreach (var migration in pending)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                database.Dialect.Render(migration.Sql), transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = time.GetUtcNow() },
                transaction, cancellationToken: cancellationToken));
            LogApplied(migration.Version, migration.Name);
        }
        await transaction.CommitAsync(cancellationToken);

        var newest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (applied.Count > 0 && applied.Max() > newest)
        {
            LogNewerSchema(applied.Max(), newest);
        }
        return pending;
    }

    /// <summary>The versions recorded as applied, in order.</summary>
    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations ORDER BY version", cancellationToken: cancellationToken))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is at schema version {DatabaseVersion}, newer than this build knows ({BuildVersion})")]
    private partial void LogNewerSchema(int databaseVersion, int buildVersion);
}
