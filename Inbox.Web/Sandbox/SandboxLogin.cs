using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Inbox.Core.Demo;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Sandbox;

/// <summary>
/// Stands in for Facebook Login for Business: the Facebook user of the sandbox manages the demo Page and two more,
/// grants some of them and some permissions in the consent page, and Inbox exchanges the code for a user token,
/// a long-lived one, then Page tokens, as with Meta. Codes are single-use and short-lived, as Meta's are.
/// </summary>
public sealed class SandboxLogin(IOptions<MetaOptions> meta, IOptions<DemoOptions> demo, TimeProvider time)
{
    public sealed record DirectoryPage(string Id, string Name, string Category);

    /// <summary>What the person allowed in the consent page.</summary>
    public sealed record Grant(IReadOnlyList<string> PageIds, IReadOnlyList<string> Declined, string RedirectUri, DateTimeOffset ExpiresAt);

    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, Grant> _userTokens = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _subscriptions = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _pageTokenScopes = new();
    private readonly ConcurrentDictionary<string, int> _revoked = new();
    private IReadOnlyList<DirectoryPage>? _directory;

    /// <summary>The Pages the sandbox's Facebook user manages: the demo business's Page first.</summary>
    public async Task<IReadOnlyList<DirectoryPage>> DirectoryAsync(CancellationToken cancellationToken)
    {
        if (_directory is null)
        {
            var business = await DemoBusiness.LoadAsync(demo.Value.SeedPath, cancellationToken);
            _directory =
            [
                new(business.Page.Id, business.Page.Name, "Shopping & retail"),
                new("104857600000002", "Maison Lumière Lyon", "Candle store"),
                new("104857600000003", "Atelier Cire & Mèche", "Arts & crafts store"),
            ];
        }
        return _directory;
    }

    /// <summary>The app the consent page is for must be this one, and it may only send the person back to itself.</summary>
    public bool IsThisApp(string? clientId) => clientId is not null && clientId == meta.Value.AppId;

    public string IssueCode(Grant grant)
    {
        var code = "sandbox-code-" + Random();
        _codes[code] = grant;
        return code;
    }

    /// <summary>The code exchange: <c>GET|POST /oauth/access_token</c> with the app's id and secret.</summary>
    public (string? Token, SandboxGraph.Answer? Refusal) Exchange(string? clientId, string? clientSecret, string? redirectUri, string? code)
    {
        if (SecretRefusal(clientId, clientSecret) is { } refused)
        {
            return (null, refused);
        }
        // Single use: taken out whatever happens next.
        if (code is null || !_codes.TryRemove(code, out var grant) || grant.ExpiresAt < time.GetUtcNow())
        {
            return (null, OAuthError(100, "This authorization code has expired or has been used."));
        }
        if (redirectUri != grant.RedirectUri)
        {
            return (null, OAuthError(100, "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request"));
        }
        return (NewUserToken(grant), null);
    }

    /// <summary>A short-lived user token exchanged for a long-lived one (<c>grant_type=fb_exchange_token</c>).</summary>
    public (string? Token, SandboxGraph.Answer? Refusal) Extend(string? clientId, string? clientSecret, string? userToken)
    {
        if (SecretRefusal(clientId, clientSecret) is { } refused)
        {
            return (null, refused);
        }
        return UserGrant(userToken) is { } grant ? (NewUserToken(grant), null) : (null, InvalidToken());
    }

    public Grant? UserGrant(string? userToken) => userToken is not null && _userTokens.TryGetValue(userToken, out var grant) ? grant : null;

    /// <summary>A Page token for a granted Page; Inbox stores it, and the sandbox's Send API then accepts it.</summary>
    public string NewPageToken(Grant grant)
    {
        var token = "sandbox-page-" + Random();
        _pageTokenScopes[token] = [.. FacebookLogin.Permissions.Where(p => !grant.Declined.Contains(p))];
        return token;
    }

    /// <summary>The permissions behind a Page token: those granted with it, or all of them for the demo Page's own.</summary>
    public IReadOnlyList<string> ScopesOf(string pageToken) => _pageTokenScopes.GetValueOrDefault(pageToken) ?? FacebookLogin.Permissions;

    /// <summary>
    /// As when the person who connected the Page changes their password (460) or removes the app (458): Meta refuses
    /// the Page's token from then on, in debug_token and in every call.
    /// </summary>
    public void Revoke(string pageId, int subcode) => _revoked[pageId] = subcode;

    /// <summary>The person logged in again and granted the app anew: the Page's next token is accepted.</summary>
    public void Restore(string pageId) => _revoked.TryRemove(pageId, out _);

    public int? RevokedSubcode(string pageId) => _revoked.TryGetValue(pageId, out var subcode) ? subcode : null;

    /// <summary>Whether a token is this app's (<c>app-id|app-secret</c>), as debug_token requires.</summary>
    public bool IsAppToken(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes($"{meta.Value.AppId}|{meta.Value.AppSecret}"));

    public void Subscribe(string pageId, IReadOnlyList<string> fields) => _subscriptions[pageId] = fields;

    public void Unsubscribe(string pageId) => _subscriptions.TryRemove(pageId, out _);

    public IReadOnlyList<string> SubscribedFields(string pageId) => _subscriptions.GetValueOrDefault(pageId) ?? [];

    /// <summary>Which Pages have this app subscribed, with which fields (for tests and the demo).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Subscriptions => _subscriptions.ToDictionary();

    public static SandboxGraph.Answer InvalidToken() =>
        OAuthError(190, "Invalid OAuth access token - Cannot parse access token", status: 400);

    private SandboxGraph.Answer? SecretRefusal(string? clientId, string? clientSecret) =>
        !IsThisApp(clientId) ? OAuthError(101, "Error validating application. Invalid application ID.")
        : clientSecret is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(meta.Value.AppSecret))
            ? OAuthError(1, "Error validating client secret.")
            : null;

    private string NewUserToken(Grant grant)
    {
        var token = "sandbox-user-" + Random();
        _userTokens[token] = grant;
        return token;
    }

    private static SandboxGraph.Answer OAuthError(int code, string message, int status = 400) => SandboxGraph.Error(status, code, null, message, "OAuthException");

    private static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
