using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Inbox.Core.Pages;
using Inbox.Web.Sandbox;

namespace Inbox.Web.Endpoints;

/// <summary>
/// The sandbox's stand-in for Facebook Login for Business: the consent dialog (a plain page, as facebook.com is to
/// Inbox), the token endpoints, <c>/me/accounts</c>, <c>/me/permissions</c> and <c>/{page-id}/subscribed_apps</c>,
/// in Meta's shapes. On only with the sandbox (Meta:Sandbox:Enabled).
/// </summary>
public static class SandboxLoginEndpoints
{
    public const string DialogPath = "/sandbox/facebook/dialog/oauth";

    public static void MapSandboxLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DialogPath, async (HttpRequest request, SandboxLogin login, CancellationToken cancellationToken) =>
            {
                var query = request.Query;
                if (!login.IsThisApp(query["client_id"]) || !SameOrigin(request, query["redirect_uri"]))
                {
                    return Results.Content(Html("Invalid App ID or redirect URI", "<p>The app asking to connect is not this sandbox's app, or it asked to send you somewhere else.</p>"), "text/html", statusCode: 400);
                }
                var scope = ((string?)query["scope"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return Results.Content(ConsentPage(await login.DirectoryAsync(cancellationToken), scope, query["client_id"]!, query["redirect_uri"]!, query["state"].ToString()), "text/html");
            })
            .AllowAnonymous();

        endpoints.MapPost(DialogPath, async (HttpRequest request, SandboxLogin login, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var form = await request.ReadFormAsync(cancellationToken);
                string redirectUri = form["redirect_uri"].ToString(), state = form["state"].ToString();
                if (!login.IsThisApp(form["client_id"]) || !SameOrigin(request, redirectUri))
                {
                    return Results.BadRequest();
                }
                var back = new StringBuilder(redirectUri).Append(redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?');
                if (form["action"] != "continue")
                {
                    // What Facebook sends when the person cancels the dialog.
                    back.Append("error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied");
                }
                else
                {
                    var asked = form["scope"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
                    var granted = form["permission"].Select(p => p ?? "").ToHashSet();
                    var code = login.IssueCode(new SandboxLogin.Grant(
                        [.. form["page"].Select(p => p ?? "")], [.. asked.Where(p => !granted.Contains(p))], redirectUri, time.GetUtcNow() + SandboxLogin.CodeLifetime));
                    back.Append("code=").Append(Uri.EscapeDataString(code));
                }
                return Results.Redirect(back.Append("&state=").Append(Uri.EscapeDataString(state)).Append("#_=_").ToString());
            })
            .AllowAnonymous()
            .DisableAntiforgery();

        var graph = SandboxGraphEndpoints.GraphPath + "/{version}";
        // Meta takes these parameters in the query or, as Inbox sends them (so the secret is never in a URL), in a form.
        endpoints.MapMethods(graph + "/oauth/access_token", ["GET", "POST"], async (HttpRequest request, SandboxLogin login) =>
            {
                var parameters = request.HasFormContentType ? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)await request.ReadFormAsync() : request.Query;
                var p = parameters.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
                var (token, refusal) = p.GetValueOrDefault("grant_type") == "fb_exchange_token"
                    ? login.Extend(p.GetValueOrDefault("client_id"), p.GetValueOrDefault("client_secret"), p.GetValueOrDefault("fb_exchange_token"))
                    : login.Exchange(p.GetValueOrDefault("client_id"), p.GetValueOrDefault("client_secret"), p.GetValueOrDefault("redirect_uri"), p.GetValueOrDefault("code"));
                return refusal is not null ? Results.Json(refusal.Body, statusCode: refusal.Status)
                    : Results.Json(new JsonObject { ["access_token"] = token, ["token_type"] = "bearer", ["expires_in"] = 5_183_944 });
            })
            .AllowAnonymous()
            .DisableAntiforgery();

        endpoints.MapGet(graph + "/me/accounts", async (HttpRequest request, SandboxLogin login, int? limit, string? after, CancellationToken cancellationToken) =>
            {
                if (login.UserGrant(SandboxGraphEndpoints.AccessToken(request)) is not { } grant)
                {
                    return Answer(SandboxLogin.InvalidToken());
                }
                var pages = (await login.DirectoryAsync(cancellationToken)).Where(p => grant.PageIds.Contains(p.Id)).ToList();
                var size = Math.Clamp(limit ?? 25, 1, 100);
                var start = int.TryParse(after is null ? "0" : Encoding.UTF8.GetString(Convert.FromBase64String(after)), out var index) ? index : 0;
                var data = new JsonArray([.. pages.Skip(start).Take(size).Select(page => (JsonNode)new JsonObject
                {
                    ["id"] = page.Id,
                    ["name"] = page.Name,
                    ["category"] = page.Category,
                    ["access_token"] = login.NewPageToken(grant),
                    ["tasks"] = new JsonArray("ANALYZE", "ADVERTISE", "MESSAGING", "MODERATE", "CREATE_CONTENT", "MANAGE"),
                    ["picture"] = new JsonObject { ["data"] = new JsonObject { ["url"] = $"{request.Scheme}://{request.Host}/sandbox/facebook/pictures/{page.Id}.svg" } },
                })]);
                var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = Cursor(start), ["after"] = Cursor(start + data.Count - 1) } };
                if (start + size < pages.Count)
                {
                    paging["next"] = $"{request.Scheme}://{request.Host}{request.Path}?limit={size}&after={Uri.EscapeDataString(Cursor(start + size))}";
                }
                return Results.Json(new JsonObject { ["data"] = data, ["paging"] = paging });
            })
            .AllowAnonymous();

        // Token health: valid or not (and why), and the permissions behind a Page token.
        endpoints.MapGet(graph + "/debug_token", async (HttpRequest request, SandboxLogin login, PageStore pages, string? input_token, CancellationToken cancellationToken) =>
            {
                if (!login.IsAppToken(SandboxGraphEndpoints.AccessToken(request)))
                {
                    return Answer(SandboxGraph.Error(400, 190, null, "Invalid OAuth access token signature.", "OAuthException"));
                }
                string? pageId = null;
                foreach (var page in await pages.ListAsync(cancellationToken))
                {
                    if (input_token is not null && await pages.AccessTokenAsync(page.Id, cancellationToken) == input_token)
                    {
                        pageId = page.Id;
                        break;
                    }
                }
                var data = new JsonObject { ["app_id"] = SandboxGraph.AppId, ["type"] = "PAGE", ["application"] = "Inbox", ["expires_at"] = 0 };
                var revoked = pageId is null ? null : login.RevokedSubcode(pageId);
                if (pageId is null || revoked is not null)
                {
                    data["is_valid"] = false;
                    data["scopes"] = new JsonArray();
                    data["error"] = new JsonObject
                    {
                        ["code"] = 190,
                        ["message"] = pageId is null ? "Invalid OAuth access token." : "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
                        ["subcode"] = revoked ?? 467,
                    };
                }
                else
                {
                    data["is_valid"] = true;
                    data["profile_id"] = pageId;
                    data["scopes"] = new JsonArray([.. login.ScopesOf(input_token!).Select(p => (JsonNode)p!)]);
                }
                return Results.Json(new JsonObject { ["data"] = data });
            })
            .AllowAnonymous();

        endpoints.MapGet(graph + "/me/permissions", (HttpRequest request, SandboxLogin login) =>
            {
                if (login.UserGrant(SandboxGraphEndpoints.AccessToken(request)) is not { } grant)
                {
                    return Answer(SandboxLogin.InvalidToken());
                }
                return Results.Json(new JsonObject
                {
                    ["data"] = new JsonArray([.. FacebookLogin.Permissions.Select(p => (JsonNode)new JsonObject
                    {
                        ["permission"] = p, ["status"] = grant.Declined.Contains(p) ? "declined" : "granted",
                    })]),
                });
            })
            .AllowAnonymous();

        endpoints.MapMethods(graph + "/{pageId}/subscribed_apps", ["GET", "POST", "DELETE"], async (string pageId, HttpRequest request, SandboxLogin login, PageStore pages, CancellationToken cancellationToken) =>
            {
                if (await SandboxGraph.PageTokenRefusalAsync(pages, pageId, SandboxGraphEndpoints.AccessToken(request), cancellationToken) is { } refused)
                {
                    return Answer(refused);
                }
                switch (request.Method)
                {
                    case "POST":
                        var fields = (request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken))["subscribed_fields"] : request.Query["subscribed_fields"]).ToString();
                        if (fields.Length == 0)
                        {
                            return Answer(SandboxGraph.Error(400, 100, null, "(#100) The parameter subscribed_fields is required.", "OAuthException"));
                        }
                        login.Subscribe(pageId, fields.Split(','));
                        return Results.Json(new JsonObject { ["success"] = true });
                    case "DELETE":
                        login.Unsubscribe(pageId);
                        return Results.Json(new JsonObject { ["success"] = true });
                    default:
                        var subscribed = login.SubscribedFields(pageId);
                        return Results.Json(new JsonObject
                        {
                            ["data"] = subscribed.Count == 0 ? new JsonArray() : new JsonArray(new JsonObject
                            {
                                ["category"] = "Business", ["name"] = "Inbox", ["id"] = SandboxGraph.AppId,
                                ["subscribed_fields"] = new JsonArray([.. subscribed.Select(f => (JsonNode)f!)]),
                            }),
                        });
                }
            })
            .AllowAnonymous()
            .DisableAntiforgery();

        endpoints.MapGet("/sandbox/facebook/pictures/{pageId}.svg", async (string pageId, SandboxLogin login, CancellationToken cancellationToken) =>
            {
                var page = (await login.DirectoryAsync(cancellationToken)).FirstOrDefault(p => p.Id == pageId);
                var initials = page is null ? "?" : string.Concat(page.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => w[0]));
                return Results.Content(
                    $"""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#5b3a29"/><text x="32" y="41" font-size="24" text-anchor="middle" fill="#fff" font-family="sans-serif">{HtmlEncoder.Default.Encode(initials)}</text></svg>""",
                    "image/svg+xml");
            })
            .AllowAnonymous();
    }

    private static IResult Answer(SandboxGraph.Answer answer) => Results.Json(answer.Body, statusCode: answer.Status);

    private static string Cursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes(index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    // Facebook only sends people back to addresses registered for the app; the sandbox, to this app's own origin.
    private static bool SameOrigin(HttpRequest request, string? redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static string ConsentPage(IReadOnlyList<SandboxLogin.DirectoryPage> directory, IReadOnlyList<string> scope, string clientId, string redirectUri, string state)
    {
        var e = HtmlEncoder.Default;
        var body = new StringBuilder()
            .Append("<p>Inbox (sandbox app) would like to access the Pages you choose and to:</p>")
            .Append("<form method=\"post\">")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"client_id\" value=\"{e.Encode(clientId)}\"><input type=\"hidden\" name=\"redirect_uri\" value=\"{e.Encode(redirectUri)}\">")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"state\" value=\"{e.Encode(state)}\"><input type=\"hidden\" name=\"scope\" value=\"{e.Encode(string.Join(',', scope))}\">")
            .Append("<fieldset><legend>Pages</legend>");
        foreach (var page in directory)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"page\" value=\"{e.Encode(page.Id)}\" checked> {e.Encode(page.Name)}</label><br>");
        }
        body.Append("</fieldset><fieldset><legend>Permissions</legend>");
        foreach (var permission in scope)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"permission\" value=\"{e.Encode(permission)}\" checked> {e.Encode(permission)}</label><br>");
        }
        body.Append("</fieldset><button name=\"action\" value=\"cancel\">Cancel</button> <button name=\"action\" value=\"continue\">Continue</button></form>");
        return Html("Connect to Inbox", body.ToString());
    }

    private static string Html(string title, string body) =>
        $"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Facebook (sandbox): {title}</title></head><body><main><h1>Facebook (sandbox)</h1><h2>{title}</h2>{body}</main></body></html>""";
}
