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
        var applied = await migrator.MigrateAsync(cancellationToken);
        if (applied.Any(m => m.Version == Inbox.Core.Responsiveness.ResponseFactsRebuild.MigrationVersion))
        {
            // Messages stored before the responsiveness facts existed get theirs now, once.
            await Inbox.Core.Responsiveness.ResponseFactsRebuild.RunAsync(database, cancellationToken);
        }
        LogReady(database.Dialect.Name, database.DataSource);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}, {DataSource})")]
    private partial void LogReady(string provider, string dataSource);
}
