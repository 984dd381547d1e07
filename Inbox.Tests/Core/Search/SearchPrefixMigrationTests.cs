using Dapper;
using Inbox.Core.Storage;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Search;

/// <summary>Migration 33 rebuilds SQLite's search index with prefix indexes, keeping every row and the triggers that write to it.</summary>
public sealed class SearchPrefixMigrationTests : IDisposable
{
    private readonly TestDatabase _db = new("sqlite");

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task An_existing_index_keeps_its_rows_and_ids_and_its_triggers_keep_writing_to_it()
    {
        await _db.Migrator().MigrateAsync([.. EmbeddedMigrations.All.Where(m => m.Version < 33)], CancellationToken.None);
        await using (var connection = await _db.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""
                INSERT INTO search_index (rowid, kind, ref_id, conversation_id, body) VALUES (41, 'message', '7', 3, 'Where is my tracking number?');
                INSERT INTO search_index (rowid, kind, ref_id, conversation_id, body) VALUES (42, 'message', '8', 3, 'Crème brûlée candle');
                """);
        }

        await _db.Migrator().MigrateAsync(CancellationToken.None);

        await using var migrated = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Contains("prefix", await migrated.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_master WHERE name = 'search_index'"), StringComparison.Ordinal);
        Assert.Equal([41L], await migrated.QueryAsync<long>("SELECT rowid FROM search_index WHERE search_index MATCH '\"trac\"*'"));
        Assert.Equal([42L], await migrated.QueryAsync<long>("SELECT rowid FROM search_index WHERE search_index MATCH '\"creme\"'"));
        await migrated.ExecuteAsync("""
            INSERT INTO pages (id, name, time_zone, created_at) VALUES ('1', 'Page', 'UTC', 0);
            INSERT INTO contacts (page_id, psid, name, created_at) VALUES ('1', '71', 'Amélie Poulain', 0);
            """);
        Assert.Equal(["contact"], await migrated.QueryAsync<string>("SELECT kind FROM search_index WHERE search_index MATCH '\"ame\"*'"));
    }
}
