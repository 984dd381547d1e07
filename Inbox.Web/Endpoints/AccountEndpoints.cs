using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Inbox.Web.Endpoints;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A POST with an antiforgery token, so another site cannot sign our users out.
        endpoints.MapPost("/account/logout", async (HttpContext context) =>
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("/login?signedOut=true");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous();
    }
}
