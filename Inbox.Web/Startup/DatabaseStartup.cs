using Inbox.Core.Demo;
using Inbox.Core.Storage;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Startup;

/// <summary>Readies the database before anything is served: schema first, then the demo business when enabled.</summary>
public sealed partial class DatabaseStartup(
    Migrator migrator, DemoSeeder seeder, IOptions<DemoOptions> demo, Database database, ILogger<DatabaseStartup> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        if (demo.Value.Enabled)
        {
            var business = await DemoBusiness.LoadAsync(demo.Value.SeedPath, cancellationToken);
            await seeder.SeedOnceAsync(business, cancellationToken);
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        LogReady(database.Dialect.Name, database.DataSource);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}, {DataSource})")]
    private partial void LogReady(string provider, string dataSource);
}
