using System.Security.Cryptography;
using System.Text;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Inbox.Core.Users;
using Inbox.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Features.Settings.Facebook;

/// <summary>
/// Settings > Pages > Connect with Facebook: sends the admin to Facebook's dialog with a fresh <c>state</c> (kept in a
/// cookie only this browser has), and takes the answer on the way back: the state checked, the code exchanged on
/// the server, the outcome handed to the page where the admin picks Pages.
/// </summary>
public static class FacebookLoginEndpoints
{
    public const string StartPath = "/settings/pages/facebook";
    public const string CallbackPath = "/settings/pages/facebook/callback";
    public const string PickPath = "/settings/pages/connect";
    private const string StateCookie = "Inbox.FacebookState";

    public static void MapFacebookLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = new AuthorizeAttribute { Roles = Roles.Admin };
        endpoints.MapGet(StartPath, (HttpContext context, FacebookLogin login, PendingLogins pending, IOptions<MetaOptions> meta) =>
            {
                if (meta.Value.AppId.Length == 0 || meta.Value.AppSecret.Length == 0)
                {
                    // Facebook would only show its own error page: say here what the server lacks.
                    return context.User.UserId() is { } admin
                        ? Results.Redirect($"{PickPath}/{pending.Add(admin, null, LoginFailure.NotConfigured)}")
                        : Results.Forbid();
                }
                var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
                context.Response.Cookies.Append(StateCookie, state, new CookieOptions
                {
                    // Lax: the way back from facebook.com is a top-level GET, which Lax lets through and Strict would not.
                    HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, Path = StartPath, MaxAge = TimeSpan.FromMinutes(15),
                });
                return Results.Redirect(login.DialogUrl(CallbackUrl(context.Request), state));
            })
            .RequireAuthorization(admin);

        endpoints.MapGet(CallbackPath, async (HttpContext context, FacebookLogin login, PendingLogins pending, CancellationToken cancellationToken) =>
            {
                var query = context.Request.Query;
                var expected = context.Request.Cookies[StateCookie];
                context.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = StartPath });
                if (context.User.UserId() is not { } userId)
                {
                    return Results.Forbid();
                }
                string id;
                if (expected is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(query["state"].ToString())))
                {
                    id = pending.Add(userId, null, LoginFailure.StateMismatch);
                }
                else if (query["error"].Count > 0 || query["code"].Count == 0)
                {
                    id = pending.Add(userId, null, LoginFailure.Denied, query["error_reason"].ToString());
                }
                else
                {
                    var (choice, error) = await login.CompleteAsync(query["code"].ToString(), CallbackUrl(context.Request), cancellationToken);
                    id = choice is not null ? pending.Add(userId, choice, LoginFailure.None) : pending.Add(userId, null, LoginFailure.Exchange, error?.Message);
                }
                return Results.Redirect($"{PickPath}/{id}");
            })
            .RequireAuthorization(admin);
    }

    // Registered in the Meta app as a valid OAuth redirect URI (README); behind a proxy, the public address.
    private static string CallbackUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{CallbackPath}";
}
