namespace Inbox.Core.Meta;

/// <summary>Facebook Login's token calls, the Pages a person manages, and this app's webhook subscription per Page.</summary>
public sealed partial class GraphClient
{
    public sealed record ManagedPage(string Id, string Name, string AccessToken, string? PictureUrl, IReadOnlyList<string> Tasks);

    public sealed record Permission(string Name, bool Granted);

    /// <summary>
    /// The dialog's code, or a short-lived user token, exchanged for a user token. The app secret travels in a form
    /// body, never in a URL, so it cannot end up in request logs.
    /// </summary>
    public async Task<(string? Token, GraphError? Error)> ExchangeAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync<TokenResponse>(HttpMethod.Post, "oauth/access_token", null, new FormUrlEncodedContent(parameters),
            new(null, Idempotent: false), cancellationToken);
        return (answer?.AccessToken, error ?? (answer?.AccessToken is null ? GraphError.Unreadable("Meta's answer had no access_token.") : null));
    }

    /// <summary>The Pages the person manages, with Page tokens: <c>GET /me/accounts</c>, following Meta's paging.</summary>
    public async Task<(IReadOnlyList<ManagedPage> Pages, GraphError? Error)> GetManagedPagesAsync(string userToken, CancellationToken cancellationToken)
    {
        var pages = new List<ManagedPage>();
        string? next = "me/accounts?fields=id,name,access_token,tasks,picture{url}&limit=100";
        // Bounded: an admin of thousands of Pages gets the first thousand.
        for (var round = 0; next is not null && round < 10; round++)
        {
            var (answer, error) = await CallAsync<AccountsResponse>(HttpMethod.Get, next, userToken, null, new(null, Idempotent: true), cancellationToken);
            if (error is not null)
            {
                return (pages, error);
            }
            pages.AddRange((answer?.Data ?? []).Where(p => p.Id is not null && p.AccessToken is not null)
                .Select(p => new ManagedPage(p.Id!, p.Name ?? p.Id!, p.AccessToken!, p.Picture?.Data?.Url, p.Tasks ?? [])));
            next = WithoutAccessToken(answer?.Paging?.Next);
        }
        return (pages, null);
    }

    // Meta's "next" links carry the token in the query; it goes in the Authorization header instead, out of every log.
    private static string? WithoutAccessToken(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith("access_token=", StringComparison.Ordinal));
        return new UriBuilder(uri) { Query = string.Join('&', query) }.Uri.ToString();
    }

    /// <summary>What the person granted and declined: <c>GET /me/permissions</c>.</summary>
    public async Task<(IReadOnlyList<Permission> Permissions, GraphError? Error)> GetPermissionsAsync(string userToken, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync<PermissionsResponse>(HttpMethod.Get, "me/permissions", userToken, null, new(null, Idempotent: true), cancellationToken);
        return ([.. (answer?.Data ?? []).Where(p => p.Permission is not null).Select(p => new Permission(p.Permission!, p.Status == "granted"))], error);
    }

    /// <summary>Subscribes this app to the Page's webhooks: <c>POST /{page-id}/subscribed_apps</c>.</summary>
    public async Task<GraphError?> SubscribeAppAsync(string pageId, string pageToken, IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        (await CallAsync<SuccessResponse>(HttpMethod.Post, $"{pageId}/subscribed_apps", pageToken,
            new FormUrlEncodedContent([new("subscribed_fields", string.Join(',', fields))]), new(pageId, Idempotent: true), cancellationToken)).Error;

    /// <summary>The webhook fields this app is subscribed to for the Page (<c>GET /{page-id}/subscribed_apps</c>); empty when it is not.</summary>
    public async Task<(IReadOnlyList<string>? Fields, GraphError? Error)> GetSubscribedFieldsAsync(string pageId, string pageToken, string appId, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync<SubscribedAppsResponse>(HttpMethod.Get, $"{pageId}/subscribed_apps", pageToken, null, new(pageId, Idempotent: true), cancellationToken);
        return error is not null ? (null, error) : ((answer?.Data ?? []).FirstOrDefault(app => app.Id == appId)?.SubscribedFields ?? [], null);
    }

    /// <summary>Ends this app's webhook subscription for the Page: <c>DELETE /{page-id}/subscribed_apps</c>.</summary>
    public async Task<GraphError?> UnsubscribeAppAsync(string pageId, string pageToken, CancellationToken cancellationToken) =>
        (await CallAsync<SuccessResponse>(HttpMethod.Delete, $"{pageId}/subscribed_apps", pageToken, null, new(pageId, Idempotent: true), cancellationToken)).Error;

    /// <summary>What Meta says of a token: valid or not (with why), when it expires (0: never), its permissions.</summary>
    public sealed record TokenCheck(bool IsValid, long ExpiresAt, IReadOnlyList<string> Scopes, int? ErrorCode, int? ErrorSubcode, string? ErrorMessage);

    /// <summary>
    /// <c>GET /debug_token?input_token=...</c> with the app's token (<c>app-id|app-secret</c>) in the Authorization
    /// header. An app call, not the Page's: a slow answer to this background check must not count in the circuit
    /// that guards the Page's replies.
    /// </summary>
    public async Task<(TokenCheck? Check, GraphError? Error)> DebugTokenAsync(string inputToken, string appToken, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync<DebugTokenResponse>(HttpMethod.Get, $"debug_token?input_token={Uri.EscapeDataString(inputToken)}", appToken, null,
            new(null, Idempotent: true), cancellationToken);
        return answer?.Data is not { } data ? (null, error ?? GraphError.Unreadable("Meta's answer had no data."))
            : (new TokenCheck(data.IsValid, data.ExpiresAt ?? 0, data.Scopes ?? [], data.Error?.Code, data.Error?.Subcode, data.Error?.Message), null);
    }

    private sealed record SubscribedAppsResponse(IReadOnlyList<SubscribedApp>? Data);

    private sealed record SubscribedApp(string? Id, IReadOnlyList<string>? SubscribedFields);

    private sealed record DebugTokenResponse(DebugTokenData? Data);

    private sealed record DebugTokenData(bool IsValid, long? ExpiresAt, IReadOnlyList<string>? Scopes, DebugTokenError? Error);

    private sealed record DebugTokenError(int Code, int? Subcode, string? Message);

    private sealed record TokenResponse(string? AccessToken, string? TokenType, long? ExpiresIn);

    private sealed record AccountsResponse(IReadOnlyList<AccountRow>? Data, PagingBlock? Paging);

    private sealed record AccountRow(string? Id, string? Name, string? AccessToken, IReadOnlyList<string>? Tasks, PictureBlock? Picture);

    private sealed record PictureBlock(PictureData? Data);

    private sealed record PictureData(string? Url);

    private sealed record PagingBlock(string? Next);

    private sealed record PermissionsResponse(IReadOnlyList<PermissionRow>? Data);

    private sealed record PermissionRow(string? Permission, string? Status);
}
