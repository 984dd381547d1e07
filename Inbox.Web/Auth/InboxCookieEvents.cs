using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Inbox.Web.Auth;

public sealed class InboxCookieEvents(SessionValidator sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await sessions.IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    // Programs calling the API or the hub get a status code, not a redirect to an HTML sign-in page.
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsMachineClient(context.Request) ? Status(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        IsMachineClient(context.Request) ? Status(context, StatusCodes.Status403Forbidden) : base.RedirectToAccessDenied(context);

    private static bool IsMachineClient(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/_blazor");

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
