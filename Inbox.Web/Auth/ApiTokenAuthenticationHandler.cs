using System.Text.Encodings.Web;
using Inbox.Core.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>Authenticates <c>Authorization: Bearer inbox_...</c> personal API tokens.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        var owner = await tokens.FindOwnerAsync(token, Context.RequestAborted);
        return owner is null
            ? AuthenticateResult.Fail("The API token is unknown, revoked, or belongs to a disabled user.")
            : AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.Create(owner.User, SchemeName, owner.TokenId), SchemeName));
    }

    // WebSocket clients cannot set headers, so SignalR sends the token as access_token; only the hub accepts that.
    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        return request.Path.StartsWithSegments(Hubs.InboxHub.Path) && request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
