using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Inbox.Web.Endpoints;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A POST carrying an antiforgery token, so another site cannot sign our users out. The middleware only
        // records the token check for minimal APIs; refusing is up to the endpoint.
        endpoints.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.BadRequest("The sign-out form expired. Reload the page and sign out again.");
                }
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("/login?signedOut=true");
            })
            .AllowAnonymous();
    }
}
