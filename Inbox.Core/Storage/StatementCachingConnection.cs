using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Inbox.Core.Storage;

/// <summary>
/// A SQLite connection that compiles each distinct statement once for as long as it is open. Microsoft.Data.Sqlite
/// compiles a command's SQL on every new command (it keeps no statement cache), and Dapper makes a new command for
/// every call: the ingest worker, applying a group of deliveries on one connection, compiled the same twenty statements
/// for every event, about a tenth of the server's CPU under load (issue #18). Here each text gets one SqliteCommand,
/// which keeps its compiled statements between executions; a command still reading (a reader left open) is never
/// handed out twice, a fresh one is made instead.
/// </summary>
internal sealed class StatementCachingConnection(SqliteConnection inner) : DbConnection
{
    private readonly Dictionary<string, SqliteCommand> _compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<SqliteCommand, SqliteDataReader> _readers = [];
    private readonly List<SqliteCommand> _made = [];

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => inner.ConnectionString = value;
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Open() => inner.Open();

    public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    public override void Close() => inner.Close();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new Command(this);

    /// <summary>The compiled command for <paramref name="sql"/>, bound to this call's parameters and transaction.</summary>
    private SqliteCommand Bind(string sql, CommandType type, SqliteParameterCollection parameters, DbTransaction? transaction, int timeout)
    {
        if (!_compiled.TryGetValue(sql, out var command) || (_readers.TryGetValue(command, out var reader) && !reader.IsClosed))
        {
            command = inner.CreateCommand();
            command.CommandText = sql;
            _compiled.TryAdd(sql, command);
            _made.Add(command);
        }
        command.Parameters.Clear();
        foreach (SqliteParameter parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }
        command.CommandType = type;
        command.Transaction = (SqliteTransaction?)transaction;
        command.CommandTimeout = timeout;
        return command;
    }

    private SqliteDataReader Reading(SqliteCommand command, SqliteDataReader reader)
    {
        _readers[command] = reader;
        return reader;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _made)
            {
                command.Dispose();
            }
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>What Dapper writes a call into: its parameters are handed to the compiled command when it runs.</summary>
    private sealed class Command(StatementCachingConnection connection) : DbCommand
    {
        private readonly SqliteCommand _parameters = new();

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; } = 30;

        public override CommandType CommandType { get; set; } = CommandType.Text;

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set => throw new NotSupportedException("A cached command stays with its connection.");
        }

        protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        private SqliteCommand Bound() => connection.Bind(CommandText, CommandType, _parameters.Parameters, DbTransaction, CommandTimeout);

        public override int ExecuteNonQuery() => Bound().ExecuteNonQuery();

        public override object? ExecuteScalar() => Bound().ExecuteScalar();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            var command = Bound();
            return connection.Reading(command, command.ExecuteReader(behavior));
        }

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Bound().ExecuteNonQueryAsync(cancellationToken);

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Bound().ExecuteScalarAsync(cancellationToken);

        protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        {
            var command = Bound();
            return connection.Reading(command, await command.ExecuteReaderAsync(behavior, cancellationToken));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _parameters.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
