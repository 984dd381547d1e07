using Inbox.Core.Operations;
using Inbox.Core.Users;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Inbox.Web.Operations;

/// <summary>
/// What an operator sees: /healthz/live (the process answers), /healthz/ready (database, every worker's heartbeat,
/// backlog), and /metrics in Prometheus' text for administrators or a scraper holding Operations:MetricsToken.
/// Traces go over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class OperationsRegistration
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddInboxOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperationsOptions>().Bind(configuration.GetSection(OperationsOptions.SectionName));
        services.AddSingleton<BacklogMonitor>();
        services.AddSingleton<MetricTotals>();
        services.AddHostedService(provider => provider.GetRequiredService<BacklogMonitor>());
        services.AddHealthChecks()
            .AddCheck<Startup.DatabaseHealthCheck>("database")
            .AddCheck<WorkersHealthCheck>("workers")
            .AddCheck<BacklogHealthCheck>("backlog");
        var telemetry = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(InboxMetrics.MeterName)
                // Polly's events: retries, circuits opened and closed, timeouts of Graph calls.
                .AddMeter("Polly")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddOtlpExporter());
        }
        return services;
    }

    public static WebApplication MapInboxOperations(this WebApplication app)
    {
        InboxMetrics.Observe(app.Services.GetRequiredService<BacklogMonitor>());
        // Listening from the start, so the System page's totals count everything since the process started.
        app.Services.GetRequiredService<MetricTotals>();
        // Readiness runs every check; liveness none (the process answering is the whole answer).
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapHealthChecks("/healthz/ready").AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme, Auth.ApiTokenAuthenticationHandler.SchemeName)
            .RequireAssertion(context => context.User.IsInRole(Roles.Admin) || (context.Resource is HttpContext http && MetricsToken.Matches(http))));
        return app;
    }
}
