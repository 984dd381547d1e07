using System.Data.Common;
using Dapper;
using Inbox.Core.Operations;
using Microsoft.Extensions.Options;

namespace Inbox.Core.Storage;

/// <summary>Opens connections to the configured database. Stores open one connection per call.</summary>
public sealed class Database : IDisposable
{
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
        Dialect = SqlDialect.For(options.Value);
    }

    public SqlDialect Dialect { get; }

    /// <summary>Where the data is: the SQLite file as an absolute path, or the PostgreSQL server and database.</summary>
    public string DataSource => Dialect.Location;

    /// <summary>Connections opened so far: one per store call, so the database work a screen or a change costs.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    private long _connectionsOpened;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => Open(durable: true, cancellationToken);

    /// <summary>
    /// A connection whose commits are not each synced to disk, for writes that are redone from data already durable
    /// (the ingest worker applies stored deliveries, idempotently, and marks them done in the same transaction).
    /// The next durable commit of any connection makes these durable too; a power cut before that loses only work
    /// that is then done again.
    /// </summary>
    public Task<DbConnection> OpenRedoableAsync(CancellationToken cancellationToken) => Open(durable: false, cancellationToken);

    private Task<DbConnection> Open(bool durable, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connectionsOpened);
        InboxMetrics.DatabaseConnections.Add(1);
        return Dialect.OpenAsync(durable, cancellationToken);
    }

    /// <summary>Closes pooled connections (PostgreSQL's; SQLite's pool is process-wide).</summary>
    public void Dispose() => Dialect.Dispose();
}
