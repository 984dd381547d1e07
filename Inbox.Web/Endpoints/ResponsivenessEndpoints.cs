using System.Globalization;
using System.Text;
using Inbox.Core;
using Inbox.Core.Responsiveness;
using Inbox.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Inbox.Web.Endpoints;

/// <summary>The responsiveness report for integrations (API token) and its CSV export for the dashboard (sign-in).</summary>
public static class ResponsivenessEndpoints
{
    public const string CsvPath = "/dashboard/responsiveness.csv";

    public static void MapResponsivenessEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/reports/responsiveness", async (
                string? pageId, DateTimeOffset? from, DateTimeOffset? to, ResponsivenessReporter reporter, CancellationToken cancellationToken) =>
            {
                try
                {
                    var report = await BuildAsync(reporter, pageId, from, to, TimeZoneInfo.Utc, cancellationToken);
                    return Results.Ok(ResponsivenessResponse.Of(report, pageId));
                }
                catch (UserInputException exception)
                {
                    return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .RequireAuthorization(ApiEndpoints.PolicyName)
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.ManagerOrAdmin });

        // One row per new message, for spreadsheets; the dashboard's Export button links here with its filters.
        endpoints.MapGet(CsvPath, async (
                string? pageId, DateTimeOffset? from, DateTimeOffset? to, string? timeZone, ResponsivenessReporter reporter, CancellationToken cancellationToken) =>
            {
                var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? "UTC", out var found) ? found : TimeZoneInfo.Utc;
                try
                {
                    var report = await BuildAsync(reporter, pageId, from, to, zone, cancellationToken);
                    var csv = await ResponsivenessCsv.WriteAsync(report, string.IsNullOrEmpty(pageId) ? null : pageId, reporter, cancellationToken);
                    return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
                        $"responsiveness-{report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv");
                }
                catch (UserInputException exception)
                {
                    return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.ManagerOrAdmin });
    }

    private static async Task<ResponsivenessReport> BuildAsync(
        ResponsivenessReporter reporter, string? pageId, DateTimeOffset? from, DateTimeOffset? to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (defaultFrom, defaultTo) = await reporter.DefaultRangeAsync(cancellationToken);
        return await reporter.BuildAsync(string.IsNullOrEmpty(pageId) ? null : pageId, from ?? defaultFrom, to ?? defaultTo, zone, cancellationToken);
    }

    public sealed record ResponsivenessResponse(
        string? PageId, DateTimeOffset From, DateTimeOffset To, ResponsivenessTargets Targets,
        int NewMessages, int Answered, int Missed, int Pending, int Spam, double? RatePercent, double? MedianSeconds, bool? Badge,
        Projection IfWaitingMissed, IReadOnlyList<AgentRow> Agents, IReadOnlyList<DayRow> Days)
    {
        public static ResponsivenessResponse Of(ResponsivenessReport report, string? pageId) => new(
            pageId, report.From, report.To, report.Targets,
            report.Overall.NewMessages, report.Overall.Answered, report.Overall.Missed, report.Overall.Pending, report.Spam,
            report.Overall.RatePercent, report.Overall.MedianSeconds, report.Overall.Badge,
            Projection.Of(report.Overall.IfWaitingMissed(report.Targets)),
            [.. report.Agents.Select(a => new AgentRow(a.UserId, a.Kind, a.Name, a.Responses, a.MedianSeconds))],
            [.. report.Days.Select(d => new DayRow(d.Day, d.Figures.NewMessages, d.Figures.Answered, d.Figures.Missed, d.Figures.Pending, d.Figures.RatePercent, d.Figures.MedianSeconds))]);
    }

    /// <summary>The rate and badge if no message still waiting is answered in time (the dashboard card says the same).</summary>
    public sealed record Projection(double? RatePercent, bool? Badge)
    {
        public static Projection Of(ResponsivenessFigures figures) => new(figures.RatePercent, figures.Badge);
    }

    public sealed record AgentRow(long? UserId, string Kind, string Name, int Responses, double? MedianSeconds);

    public sealed record DayRow(DateOnly Day, int NewMessages, int Answered, int Missed, int Pending, double? RatePercent, double? MedianSeconds);
}
