using Dapper;
using Inbox.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Cli.Bench;

/// <summary>
/// A migrated database of its own for an in-process benchmark, deleted afterwards: a SQLite file, or a new database on
/// the PostgreSQL server named by <c>--postgres "Host=...;Username=..."</c>.
/// </summary>
internal sealed class ScratchDatabase : IDisposable
{
    public const string PageId = "104857600000001";

    private readonly string _file;
    private readonly string? _postgresServer;
    private readonly string _postgresName;

    private ScratchDatabase(string name, string? postgresServer)
    {
        _file = Path.Combine(Path.GetTempPath(), $"inbox-{name}-bench-{Guid.NewGuid():N}.db");
        _postgresServer = postgresServer;
        _postgresName = $"inbox_{name}_bench_{Guid.NewGuid():N}";
        Settings = postgresServer is null
            ? ("sqlite", $"Data Source={_file}")
            : ("postgres", new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = _postgresName }.ConnectionString);
        Database = new Database(Options.Create(new StorageOptions { Provider = Settings.Provider, ConnectionString = Settings.ConnectionString }));
    }

    public Database Database { get; }

    /// <summary>Storage:Provider and Storage:ConnectionString for a process of its own to open it.</summary>
    public (string Provider, string ConnectionString) Settings { get; }

    /// <summary>The SQLite file itself (its size, its copies).</summary>
    public string File => _file;

    public static async Task<ScratchDatabase> CreateAsync(string name, string? postgresServer, CancellationToken cancellationToken)
    {
        var scratch = new ScratchDatabase(name, postgresServer);
        if (postgresServer is not null)
        {
            await scratch.AdministerAsync($"CREATE DATABASE {scratch._postgresName}", cancellationToken);
        }
        await new Migrator(scratch.Database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        return scratch;
    }

    /// <summary>A named parameter added to a prepared insert; its value is set for each row (PostgreSQL prepares by type).</summary>
    public static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>The bench Page and <paramref name="count"/> contacts, each with a conversation of the same id, in the transaction.</summary>
    public static async Task AddConversationsAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, int count, DateTimeOffset now)
    {
        await connection.ExecuteAsync("INSERT INTO pages (id, name, time_zone, created_at) VALUES (@PageId, 'Bench Page', 'UTC', @Now)",
            new { PageId, Now = now }, transaction);
        await connection.ExecuteAsync("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @Count)
            INSERT INTO contacts (id, page_id, psid, name, created_at) SELECT i, @PageId, 'psid-' || i, 'Customer ' || i, @Now FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @Count)
            INSERT INTO conversations (id, page_id, contact_id, last_message_at, created_at) SELECT i, @PageId, i, @Now, @Now FROM n;
            """, new { Count = count, PageId, Now = now }, transaction);
    }

    private async Task AdministerAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(_postgresServer) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }

    public void Dispose()
    {
        Database.Dispose();
        if (_postgresServer is not null)
        {
            AdministerAsync($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", CancellationToken.None).GetAwaiter().GetResult();
            return;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            System.IO.File.Delete(path);
        }
    }
}
