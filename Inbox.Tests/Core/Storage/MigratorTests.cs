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

        // Listed out of order on purpose: the migrator sorts by version.
        var third = new Migration(3, "third", "INSERT INTO log (step) VALUES ('3');");
        var second = new Migration(2, "second", "INSERT INTO log (step) VALUES ('2');");
        var applied = await _db.Migrator().MigrateAsync([third, first, second], CancellationToken.None);

        Assert.Equal([2, 3], applied.Select(m => m.Version));
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(["2", "3"], await connection.QueryAsync<string>("SELECT step FROM log ORDER BY rowid"));
    }

    [Fact]
    public async Task Failing_migration_leaves_nothing_half_applied()
    {
        var good = new Migration(1, "good", "CREATE TABLE good (id INTEGER);");
        var bad = new Migration(2, "bad", "CREATE TABLE broken (;");

        await Assert.ThrowsAnyAsync<Exception>(() => _db.Migrator().MigrateAsync([good, bad], CancellationToken.None));

        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        // Not even the schema table: the whole run was one transaction.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('good', 'schema_migrations')"));
    }

    [Fact]
    public async Task Database_uses_write_ahead_logging_and_records_when_each_version_was_applied()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));
        await _db.Migrator(time).MigrateAsync(CancellationToken.None);

        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), await connection.ExecuteScalarAsync<long>("SELECT applied_at FROM schema_migrations WHERE version = 1"));
    }

    [Fact]
    public void Shipped_migrations_are_numbered_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, EmbeddedMigrations.All.Count), EmbeddedMigrations.All.Select(m => m.Version));
    }
}
