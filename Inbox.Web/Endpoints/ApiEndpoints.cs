using System.Security.Claims;
using Inbox.Web.Auth;

namespace Inbox.Web.Endpoints;

/// <summary>The REST API for integrations, authenticated by personal API tokens (<c>Authorization: Bearer</c>).</summary>
public static class ApiEndpoints
{
    public const string PolicyName = "ApiToken";

    public static void MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(PolicyName);

        api.MapGet("/me", (ClaimsPrincipal user) => new MeResponse(
            user.UserId() ?? 0,
            user.FindFirstValue(ClaimTypes.Email) ?? "",
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? ""));
    }

    public sealed record MeResponse(long Id, string Email, string Name, string Role);
}
