using Inbox.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Tests.Support;

/// <summary>A real SQLite file in its own temporary folder, removed afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("inbox-tests-").FullName;
        ConnectionString = $"Data Source={Path.Combine(Folder, "inbox.db")}";
        Database = new Database(Options.Create(new StorageOptions { ConnectionString = ConnectionString }));
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public Database Database { get; }

    public Migrator Migrator(TimeProvider? time = null) =>
        new(Database, time ?? TimeProvider.System, NullLogger<Migrator>.Instance);

    public async Task<TestDatabase> MigratedAsync()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        return this;
    }

    public void Dispose()
    {
        // Called more than once when a factory is disposed both synchronously and asynchronously.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
