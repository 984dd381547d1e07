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
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var user = await tokens.FindUserAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("The API token is unknown, revoked, or belongs to a disabled user.")
            : AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.Create(user, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
