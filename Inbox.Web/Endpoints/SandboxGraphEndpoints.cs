using System.Text.Json.Nodes;
using Inbox.Web.Sandbox;

namespace Inbox.Web.Endpoints;

/// <summary>The sandbox Graph API (Meta:Sandbox:Enabled), and its test helpers.</summary>
public static class SandboxGraphEndpoints
{
    public const string GraphPath = "/sandbox/graph";

    public static void MapSandboxGraphEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Authenticated like Meta: by the Page access token, not by our sign-in.
        endpoints.MapPost(GraphPath + "/{version}/{pageId}/messages", async (string pageId, HttpRequest request, SandboxGraph sandbox) =>
            {
                JsonNode? body;
                try
                {
                    body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                }
                catch (System.Text.Json.JsonException)
                {
                    body = null;
                }
                var answer = await sandbox.SendAsync(pageId, AccessToken(request), body, request.HttpContext.RequestAborted);
                foreach (var (name, value) in answer.Headers)
                {
                    request.HttpContext.Response.Headers[name] = value;
                }
                return Results.Json(answer.Body, statusCode: answer.Status);
            })
            .AllowAnonymous()
            .DisableAntiforgery();

        endpoints.MapGet(GraphPath + "/{version}/{psid}", async (string psid, HttpRequest request, SandboxGraph sandbox) =>
            {
                var answer = await sandbox.ProfileAsync(psid, AccessToken(request), request.HttpContext.RequestAborted);
                return Results.Json(answer.Body, statusCode: answer.Status);
            })
            .AllowAnonymous();

        // Playing customers and injecting faults is for admins (and tests) only, even in a demo.
        var helpers = endpoints.MapGroup("/sandbox").RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(Auth.ApiTokenAuthenticationHandler.SchemeName)
            .RequireRole(Inbox.Core.Users.Roles.Admin));
        helpers.MapGet("/received", (SandboxGraph sandbox) => sandbox.Received);
        helpers.MapPost("/customers/{psid}/messages", async (string psid, CustomerMessage message, SandboxGraph sandbox, CancellationToken cancellationToken) =>
            Results.Ok(new { mid = await sandbox.CustomerWritesAsync(message.PageId, psid, message.Text, message.Name, cancellationToken) }));
        helpers.MapPost("/faults", (Fault fault, SandboxGraph sandbox) =>
        {
            sandbox.FailNextSends(fault.Count, fault.Code, fault.Subcode, fault.RegainAccessMinutes);
            return Results.NoContent();
        });
    }

    private static string? AccessToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : request.Query["access_token"].FirstOrDefault();
    }

    public sealed record CustomerMessage(string PageId, string Text, string? Name);

    public sealed record Fault(int Count, int Code, int? Subcode = null, int? RegainAccessMinutes = null);
}
