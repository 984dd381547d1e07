namespace Inbox.Web.Hubs;

/// <summary>
/// Browsers send the sign-in cookie with a WebSocket opened from any site, and WebSockets are not bound by CORS, so
/// another site's page could listen to the hub as the signed-in person. Browsers always say which page opened the
/// connection (<c>Origin</c>): the hub accepts only this site's own. Programs send no Origin and use a token.
/// </summary>
public static class HubOriginCheck
{
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(InboxHub.Path), branch => branch.Use(async (context, next) =>
        {
            if (context.Request.Headers.Origin is { Count: > 0 } origin && !IsSameSite(origin.ToString(), context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("The hub accepts connections from this site's own pages only.", context.RequestAborted);
                return;
            }
            await next(context);
        }));

    private static bool IsSameSite(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase);
}
