using Dapper;
using Inbox.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Web.Startup;

/// <summary>Healthy when the database answers and its schema has been migrated.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT MAX(version) FROM schema_migrations", cancellationToken: cancellationToken));
            return version is null
                ? HealthCheckResult.Unhealthy("The database has no schema yet.")
                : HealthCheckResult.Healthy($"{database.Dialect.Name}, schema version {version}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", exception);
        }
    }
}
