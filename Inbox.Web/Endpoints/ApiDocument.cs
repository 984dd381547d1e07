using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Inbox.Web.Endpoints;

/// <summary>The REST API described as OpenAPI at <see cref="Path"/>, for integrators (an API token or a signed-in user).</summary>
public static class ApiDocument
{
    public const string Path = "/api/v1/openapi.json";
    private const string PolicyName = "ApiTokenOrSignedIn";

    public static void AddApiDocument(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            // Only the public API: not the webhook, the hub, the sign-out form or the sandbox.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Inbox REST API",
                    Version = "v1",
                    Description = "Conversations, messages, comments, saved replies and reports of a self-hosted Inbox. " +
                        "Authenticate with a personal API token (Settings > API tokens, or `token create`) as `Authorization: Bearer <token>`.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A personal API token." },
                };
                return Task.CompletedTask;
            });
        });
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(Auth.ApiTokenAuthenticationHandler.SchemeName, Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser());
    }

    public static void MapApiDocument(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi("/api/{documentName}/openapi.json").RequireAuthorization(PolicyName);
}
