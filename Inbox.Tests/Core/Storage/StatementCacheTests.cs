using Dapper;
using Inbox.Core.Storage;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Storage;

/// <summary>
/// The ingest worker's SQLite connection compiles each statement once while it is open: the same text run again binds
/// its new parameters, keeps its transaction, and a statement still being read is never handed out twice.
/// </summary>
public sealed class StatementCacheTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new("sqlite");

    public async Task InitializeAsync()
    {
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT NOT NULL)");
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [SqliteOnlyFact("the statement cache is for SQLite; Npgsql prepares statements itself")]
    public async Task The_same_statement_run_again_binds_each_calls_values_and_a_rolled_back_transaction_leaves_nothing()
    {
        await using var connection = await _db.Database.OpenRedoableAsync(CancellationToken.None);
        Assert.IsType<StatementCachingConnection>(connection);

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var word in new[] { "candle", "wick", "wax" })
            {
                await connection.ExecuteAsync("INSERT INTO words (word) VALUES (@Word)", new { Word = word }, transaction);
            }
            await connection.ExecuteAsync("INSERT INTO words (word) VALUES (@Word)", new[] { new { Word = "jar" }, new { Word = "lid" } }, transaction);
            await transaction.CommitAsync();
        }
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO words (word) VALUES (@Word)", new { Word = "never" }, transaction);
            await transaction.RollbackAsync();
        }

        Assert.Equal(["candle", "wick", "wax", "jar", "lid"], await connection.QueryAsync<string>("SELECT word FROM words ORDER BY id"));
        Assert.Equal("wax", await connection.QuerySingleAsync<string>("SELECT word FROM words WHERE id = @Id", new { Id = 3 }));
        Assert.Equal("candle", await connection.QuerySingleAsync<string>("SELECT word FROM words WHERE id = @Id", new { Id = 1 }));
    }

    [SqliteOnlyFact("the statement cache is for SQLite; Npgsql prepares statements itself")]
    public async Task A_statement_still_being_read_is_not_handed_out_again()
    {
        await using var connection = await _db.Database.OpenRedoableAsync(CancellationToken.None);
        await connection.ExecuteAsync("INSERT INTO words (word) VALUES ('a'), ('b'), ('c')");
        const string Sql = "SELECT word FROM words WHERE id >= @From ORDER BY id";

        var pairs = new List<string>();
        foreach (var outer in connection.Query<string>(Sql, new { From = 1 }, buffered: false))
        {
            // The same text while the outer reader is open: a second command, not the outer one rebound.
            pairs.Add(outer + string.Concat(await connection.QueryAsync<string>(Sql, new { From = 2 })));
        }

        Assert.Equal(["abc", "bbc", "cbc"], pairs);
    }
}
