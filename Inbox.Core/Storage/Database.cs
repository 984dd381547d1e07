using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Inbox.Core.Storage;

/// <summary>Opens connections to the configured database. Stores open one connection per call.</summary>
public sealed class Database
{
    private readonly string _connectionString;

    static Database()
    {
        // Columns are snake_case, properties PascalCase.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Without removing Dapper's built-in mapping, parameters would still be written as text.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UnixMillisecondsHandler());
        SqlMapper.AddTypeHandler(new NullableUnixMillisecondsHandler());
    }

    public Database(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        Dialect = SqlDialect.For(storage.Provider);
        var builder = new SqliteConnectionStringBuilder(storage.ConnectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException("Storage:ConnectionString names no database file (Data Source=...).");
        }
        DataSource = Path.GetFullPath(builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(DataSource)!);
        builder.DataSource = DataSource;
        _connectionString = builder.ToString();
    }

    public SqlDialect Dialect { get; }

    /// <summary>The database file, as an absolute path.</summary>
    public string DataSource { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per-connection settings: enforce foreign keys, make a commit durable before it returns, and leave
            // checkpoints to WalCheckpointer (SQLite's own, at 10,000 pages, remains as a fallback).
            await connection.ExecuteAsync(new CommandDefinition(
                "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 10000;",
                cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection whose commits are not each synced to disk, for writes that are redone from data already durable
    /// (the ingest worker applies stored deliveries, idempotently, and marks them done in the same transaction).
    /// All connections share one write-ahead log, so the next synced commit of any of them (an acknowledged webhook,
    /// a reply) makes these durable too; a power cut before that loses only work that is then done again.
    /// </summary>
    public async Task<DbConnection> OpenRedoableAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous = NORMAL;", cancellationToken: cancellationToken));
        return connection;
    }

    /// <summary>Switches the file to write-ahead logging; the mode is stored in the file, so once is enough.</summary>
    public async Task EnableWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
    }
}
