using Dapper;
using Inbox.Core.Storage;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Storage;

public sealed class MigratorTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Empty_database_gets_every_shipped_migration_in_order()
    {
        var applied = await _db.Migrator().MigrateAsync(CancellationToken.None);

        Assert.Equal(EmbeddedMigrations.All.Select(m => m.Version), applied.Select(m => m.Version));
        Assert.Equal(EmbeddedMigrations.All.Select(m => m.Version), await _db.Migrator().AppliedVersionsAsync(CancellationToken.None));
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task Second_run_applies_nothing_and_keeps_data()
    {
        await _db.Migrator().MigrateAsync(CancellationToken.None);
        await using (var connection = await _db.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO app_settings (key, value) VALUES ('kept', 'yes')");
        }

        var applied = await _db.Migrator().MigrateAsync(CancellationToken.None);

        Assert.Empty(applied);
        await using var check = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal("yes", await check.ExecuteScalarAsync<string>("SELECT value FROM app_settings WHERE key = 'kept'"));
        Assert.Equal(EmbeddedMigrations.All.Count, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Existing_database_gets_only_the_new_migrations_in_version_order()
    {
        var first = new Migration(1, "first", "CREATE TABLE log (step TEXT NOT NULL);");
        await _db.Migrator().MigrateAsync([first], CancellationToken.None);

        // Listed out of order on purpose: the migrator sorts by version, and the third needs the second's table.
        var third = new Migration(3, "third", "INSERT INTO later (step) VALUES ('3');");
        var second = new Migration(2, "second", "CREATE TABLE later (step TEXT NOT NULL); INSERT INTO log (step) VALUES ('2');");
        var applied = await _db.Migrator().MigrateAsync([third, first, second], CancellationToken.None);

        Assert.Equal([2, 3], applied.Select(m => m.Version));
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(["2"], await connection.QueryAsync<string>("SELECT step FROM log"));
        Assert.Equal(["3"], await connection.QueryAsync<string>("SELECT step FROM later"));
    }

    [Fact]
    public async Task Failing_migration_leaves_nothing_half_applied()
    {
        var good = new Migration(1, "good", "CREATE TABLE good (id INTEGER);");
        var bad = new Migration(2, "bad", "CREATE TABLE broken (;");

        await Assert.ThrowsAnyAsync<Exception>(() => _db.Migrator().MigrateAsync([good, bad], CancellationToken.None));

        // Not even the schema table: the whole run was one transaction.
        Assert.Empty(await _db.TablesAsync());
    }

    [Fact]
    public async Task Each_version_records_when_it_was_applied()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));
        await _db.Migrator(time).MigrateAsync(CancellationToken.None);

        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), await connection.ExecuteScalarAsync<long>("SELECT applied_at FROM schema_migrations WHERE version = 1"));
    }

    [SqliteOnlyFact("the write-ahead log is SQLite's journal mode")]
    public async Task A_sqlite_database_uses_write_ahead_logging()
    {
        await _db.Migrator().MigrateAsync(CancellationToken.None);

        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [PostgresFact]
    public async Task Sqlite_and_postgres_migrations_make_the_same_tables_and_columns()
    {
        using var sqlite = await new TestDatabase("sqlite").MigratedAsync();
        using var postgres = await new TestDatabase("postgres").MigratedAsync();

        // PostgreSQL's search index adds its own two columns (an id and the words); everything else is alike.
        var postgresTables = (await postgres.TablesAsync())
            .Select(t => t == "search_index(body,conversation_id,id,kind,ref_id,words)" ? "search_index(body,conversation_id,kind,ref_id)" : t);
        Assert.Equal(await sqlite.TablesAsync(), postgresTables);
        Assert.Equal(EmbeddedMigrations.All.Select(m => m.Version), await postgres.Migrator().AppliedVersionsAsync(CancellationToken.None));
    }

    [PostgresFact]
    public async Task Two_nodes_migrating_one_postgres_database_at_once_apply_each_version_once()
    {
        using var database = new TestDatabase("postgres");
        using var other = new Database(Microsoft.Extensions.Options.Options.Create(database.StorageOptions));
        var otherMigrator = new Migrator(other, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance);

        var both = await Task.WhenAll(database.Migrator().MigrateAsync(CancellationToken.None), otherMigrator.MigrateAsync(CancellationToken.None));

        Assert.Equal(EmbeddedMigrations.All.Count, both.Sum(applied => applied.Count));
        Assert.Equal(EmbeddedMigrations.All.Select(m => m.Version), await database.Migrator().AppliedVersionsAsync(CancellationToken.None));
    }

    [Fact]
    public void Shipped_migrations_are_numbered_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, EmbeddedMigrations.All.Count), EmbeddedMigrations.All.Select(m => m.Version));
    }
}
