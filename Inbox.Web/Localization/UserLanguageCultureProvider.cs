using Inbox.Web.Auth;
using Microsoft.AspNetCore.Localization;

namespace Inbox.Web.Localization;

/// <summary>
/// The language a signed-in person chose in Inbox, wherever they sign in from; people who chose none, and the
/// sign-in page, fall through to the browser's Accept-Language.
/// </summary>
public sealed class UserLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (httpContext.User.UserId() is not { } id)
        {
            return null;
        }
        var sessions = httpContext.RequestServices.GetRequiredService<SessionValidator>();
        var user = await sessions.FindAsync(id, httpContext.RequestAborted);
        return user?.Language is { } language ? new ProviderCultureResult(language) : null;
    }
}
