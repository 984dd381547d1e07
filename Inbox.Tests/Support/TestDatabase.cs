using Inbox.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Tests.Support;

/// <summary>
/// A real database of its own, removed afterwards: a SQLite file in a temporary folder, or a new PostgreSQL database
/// on the <see cref="PostgresServer"/> when the test run is for PostgreSQL.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _postgresName;

    /// <param name="provider"><c>sqlite</c> or <c>postgres</c>; by default the one this test run is for.</param>
    public TestDatabase(string? provider = null)
    {
        Folder = Directory.CreateTempSubdirectory("inbox-tests-").FullName;
        if (provider == "postgres" || (provider is null && PostgresServer.IsTestProvider))
        {
            _postgresName = "inbox_test_" + Guid.NewGuid().ToString("N");
            PostgresServer.CreateDatabase(_postgresName);
            Provider = "postgres";
            ConnectionString = PostgresServer.ConnectionStringFor(_postgresName);
        }
        else
        {
            Provider = "sqlite";
            ConnectionString = $"Data Source={Path.Combine(Folder, "inbox.db")}";
        }
        Database = new Database(Options.Create(StorageOptions));
    }

    public string Folder { get; }

    /// <summary><c>sqlite</c> or <c>postgres</c>: the value of Storage:Provider for an app on this database.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    public StorageOptions StorageOptions => new() { Provider = Provider, ConnectionString = ConnectionString };

    /// <summary>The Storage settings of an app on this database, as configuration keys.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings(string separator = ":") =>
    [
        new($"Storage{separator}Provider", Provider),
        new($"Storage{separator}ConnectionString", ConnectionString),
    ];

    public Database Database { get; }

    public Migrator Migrator(TimeProvider? time = null) =>
        new(Database, time ?? TimeProvider.System, NullLogger<Migrator>.Instance);

    /// <summary>The tables of the database, each with its columns, in order of name.</summary>
    public async Task<IReadOnlyList<string>> TablesAsync()
    {
        const string Postgres = """
            SELECT table_name || '(' || string_agg(column_name, ',' ORDER BY column_name) || ')' FROM information_schema.columns
            WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name
            """;
        // FTS5's shadow tables are how SQLite keeps its index, not tables of ours.
        const string Sqlite = """
            SELECT t.name || '(' || (SELECT group_concat(name, ',') FROM (SELECT c.name FROM pragma_table_info(t.name) c ORDER BY c.name)) || ')'
            FROM sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'search_index_%' AND t.name NOT LIKE 'sqlite_%' ORDER BY t.name
            """;
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return [.. await Dapper.SqlMapper.QueryAsync<string>(connection, Provider == "postgres" ? Postgres : Sqlite)];
    }

    public async Task<TestDatabase> MigratedAsync()
    {
        if (_postgresName is not null)
        {
            // A copy of a database migrated once per run: running thirty scripts for every test would take minutes.
            PostgresServer.CreateDatabase(_postgresName, PostgresServer.MigratedTemplate());
            return this;
        }
        await Migrator().MigrateAsync(CancellationToken.None);
        return this;
    }

    public void Dispose()
    {
        // Called more than once when a factory is disposed both synchronously and asynchronously.
        if (_postgresName is not null)
        {
            PostgresServer.DropDatabase(_postgresName);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
