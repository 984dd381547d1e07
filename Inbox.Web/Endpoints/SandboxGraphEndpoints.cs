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
                return answer.Raw is { } raw ? Results.Text(raw, "text/html", statusCode: answer.Status) : Results.Json(answer.Body, statusCode: answer.Status);
            })
            .AllowAnonymous()
            .DisableAntiforgery();

        // A post's text, or a person's profile.
        endpoints.MapGet(GraphPath + "/{version}/{id}", async (string id, HttpRequest request, SandboxGraph sandbox) =>
            {
                var answer = await sandbox.PostAsync(id, AccessToken(request), request.HttpContext.RequestAborted)
                    ?? await sandbox.ProfileAsync(id, AccessToken(request), request.HttpContext.RequestAborted);
                return Results.Json(answer.Body, statusCode: answer.Status);
            })
            .AllowAnonymous();

        // Comments: a public reply, a like, hiding, deleting.
        endpoints.MapPost(GraphPath + "/{version}/{commentId}/comments", async (string commentId, HttpRequest request, SandboxGraph sandbox) =>
                Answer(await sandbox.ReplyToCommentAsync(commentId, AccessToken(request), await BodyAsync(request), request.HttpContext.RequestAborted)))
            .AllowAnonymous()
            .DisableAntiforgery();
        endpoints.MapPost(GraphPath + "/{version}/{commentId}/likes", async (string commentId, HttpRequest request, SandboxGraph sandbox) =>
                Answer(await sandbox.LikeCommentAsync(commentId, AccessToken(request), request.HttpContext.RequestAborted)))
            .AllowAnonymous()
            .DisableAntiforgery();
        endpoints.MapPost(GraphPath + "/{version}/{commentId}", async (string commentId, HttpRequest request, SandboxGraph sandbox) =>
                Answer(await sandbox.SetHiddenAsync(commentId, AccessToken(request), await BodyAsync(request), request.HttpContext.RequestAborted)))
            .AllowAnonymous()
            .DisableAntiforgery();
        endpoints.MapDelete(GraphPath + "/{version}/{commentId}", async (string commentId, HttpRequest request, SandboxGraph sandbox) =>
                Answer(await sandbox.DeleteCommentAsync(commentId, AccessToken(request), request.HttpContext.RequestAborted)))
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
            sandbox.FailNextSends(fault.Count, new SandboxFault(fault.Code, fault.Subcode, fault.RegainAccessMinutes, fault.Kind) { Delay = TimeSpan.FromSeconds(fault.DelaySeconds) });
            return Results.NoContent();
        });
    }

    private static IResult Answer(SandboxGraph.Answer answer) => Results.Json(answer.Body, statusCode: answer.Status);

    private static async Task<JsonNode?> BodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    internal static string? AccessToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : request.Query["access_token"].FirstOrDefault();
    }

    public sealed record CustomerMessage(string PageId, string Text, string? Name);

    public sealed record Fault(int Count, int Code, int? Subcode = null, int? RegainAccessMinutes = null, SandboxFaultKind Kind = SandboxFaultKind.MetaError, double DelaySeconds = 0);
}
