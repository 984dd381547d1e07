using Dapper;
using Inbox.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inbox.Tests.Support;

/// <summary>
/// The PostgreSQL server test.sh starts, named by <c>INBOX_TEST_POSTGRES</c> (a connection string without a
/// database). With <c>INBOX_TEST_PROVIDER=postgres</c> as well, <see cref="TestDatabase"/> makes PostgreSQL databases
/// instead of SQLite files: test.sh runs the store and ingestion tests that way a second time.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "INBOX_TEST_POSTGRES";

    private static readonly Lazy<string> s_template = new(CreateMigratedTemplate);

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool IsConfigured => Server is not null;

    /// <summary>True when tests run on PostgreSQL rather than SQLite.</summary>
    public static bool IsTestProvider { get; } = Environment.GetEnvironmentVariable("INBOX_TEST_PROVIDER") == "postgres"
        ? IsConfigured ? true : throw new InvalidOperationException($"INBOX_TEST_PROVIDER=postgres needs {Variable} (see test.sh).")
        : false;

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    /// <summary>Creates (or re-creates, empty or as a copy of <paramref name="template"/>) a database.</summary>
    public static void CreateDatabase(string name, string? template = null)
    {
        using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        connection.Open();
        connection.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        connection.Execute($"CREATE DATABASE {name}{(template is null ? "" : " TEMPLATE " + template)}");
    }

    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        connection.Open();
        connection.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>A database migrated once for this test run, copied by tests that start from the current schema.</summary>
    public static string MigratedTemplate() => s_template.Value;

    private static string CreateMigratedTemplate()
    {
        var name = $"inbox_template_{Environment.ProcessId}";
        CreateDatabase(name);
        var storage = new StorageOptions { Provider = "postgres", ConnectionString = ConnectionStringFor(name) };
        using (var database = new Database(Options.Create(storage)))
        {
            new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropDatabase(name);
        return name;
    }
}
