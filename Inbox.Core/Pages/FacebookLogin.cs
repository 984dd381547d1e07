using Inbox.Core.Meta;
using Microsoft.Extensions.Options;

namespace Inbox.Core.Pages;

/// <summary>
/// Connecting Pages the way a Page admin does: Facebook Login for Business's dialog, the code exchanged on the server
/// for a long-lived user token, the Pages the admin manages (with long-lived Page tokens), then, for the Pages picked,
/// the connection and this app's webhook subscription.
/// </summary>
public sealed class FacebookLogin(
    GraphClient graph, PageConnector connector, PageStore pages, History.HistoryImportStore history, FacebookDialog dialog, IOptions<MetaOptions> meta)
{
    /// <summary>What a shared inbox needs, each for a reason an admin can read in <see cref="MissingFeature"/>.</summary>
    public static readonly IReadOnlyList<string> Permissions =
    [
        "pages_show_list", "pages_messaging", "pages_read_engagement", "pages_manage_metadata",
        "pages_manage_engagement", "pages_read_user_content", "business_management",
    ];

    /// <summary>Every webhook field Inbox applies.</summary>
    public static readonly IReadOnlyList<string> WebhookFields =
    [
        "messages", "message_echoes", "messaging_postbacks", "message_deliveries", "message_reads", "messaging_referrals",
        "message_reactions", "message_edits", "messaging_optins", "messaging_handovers", "standby", "messaging_policy_enforcement", "feed",
    ];

    public sealed record Candidate(GraphClient.ManagedPage Page, bool AlreadyConnected);

    /// <summary>The Pages to pick from, and the permissions the admin declined.</summary>
    public sealed record Choice(IReadOnlyList<Candidate> Pages, IReadOnlyList<string> Declined);

    public sealed record Connected(string PageId, string Name, bool Subscribed, string? SubscriptionError);

    /// <summary>Where to send the admin: Facebook's dialog for this app, coming back to <paramref name="redirectUri"/> with <paramref name="state"/>.</summary>
    public string DialogUrl(string redirectUri, string state) =>
        $"{dialog.Url()}?client_id={Uri.EscapeDataString(meta.Value.AppId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}" +
        $"&state={Uri.EscapeDataString(state)}&response_type=code&scope={string.Join(',', Permissions)}";

    /// <summary>The dialog's code exchanged for a long-lived user token, then the Pages and permissions it gives.</summary>
    public async Task<(Choice? Choice, GraphError? Error)> CompleteAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        var app = meta.Value;
        var (shortLived, error) = await graph.ExchangeAsync(new Dictionary<string, string>
        {
            ["client_id"] = app.AppId, ["client_secret"] = app.AppSecret, ["redirect_uri"] = redirectUri, ["code"] = code,
        }, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }
        // Page tokens read with a long-lived user token do not expire: Inbox keeps answering after 60 days.
        var (userToken, longError) = await graph.ExchangeAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "fb_exchange_token", ["client_id"] = app.AppId, ["client_secret"] = app.AppSecret, ["fb_exchange_token"] = shortLived!,
        }, cancellationToken);
        if (longError is not null)
        {
            return (null, longError);
        }
        var (permissions, permissionsError) = await graph.GetPermissionsAsync(userToken!, cancellationToken);
        var (managed, pagesError) = await graph.GetManagedPagesAsync(userToken!, cancellationToken);
        if ((permissionsError ?? pagesError) is { } failed)
        {
            return (null, failed);
        }
        var connected = (await pages.ListAsync(cancellationToken)).Where(p => p.HasAccessToken && p.DisconnectedAt is null).Select(p => p.Id).ToHashSet();
        var granted = permissions.Where(p => p.Granted).Select(p => p.Name).ToHashSet();
        return (new Choice([.. managed.Select(p => new Candidate(p, connected.Contains(p.Id)))], [.. Permissions.Where(p => !granted.Contains(p))]), null);
    }

    /// <summary>
    /// Connects the picked Pages and subscribes the app to each one's webhooks (a failed subscription is reported, not
    /// fatal); then brings in the last <paramref name="historyDays"/> days of each new Page's history (0: none), or
    /// resumes an import that stopped when the Page's token was refused.
    /// </summary>
    public async Task<IReadOnlyList<Connected>> ConnectAsync(
        IReadOnlyList<GraphClient.ManagedPage> picked, IReadOnlyList<string> declined, string timeZone, int historyDays, CancellationToken cancellationToken)
    {
        var results = new List<Connected>();
        foreach (var page in picked)
        {
            await connector.ConnectAsync(page.Id, page.Name, page.AccessToken, timeZone, cancellationToken);
            var error = await graph.SubscribeAppAsync(page.Id, page.AccessToken, WebhookFields, cancellationToken);
            await pages.SetLoginDetailsAsync(page.Id, page.PictureUrl, declined, error is null ? WebhookFields : null, cancellationToken);
            if (!await history.ResumeAsync(page.Id, cancellationToken) && historyDays > 0 && await history.GetAsync(page.Id, cancellationToken) is null)
            {
                await history.StartAsync(page.Id, historyDays, cancellationToken);
            }
            results.Add(new Connected(page.Id, page.Name, error is null, error?.Message));
        }
        return results;
    }

    /// <summary>
    /// Disconnects a Page: this app's webhook subscription ended at Meta, then the token forgotten; the conversations
    /// and comments stay. Returns Meta's refusal to unsubscribe, if any: the Page is disconnected here all the same.
    /// </summary>
    public async Task<GraphError?> DisconnectAsync(string pageId, CancellationToken cancellationToken)
    {
        var token = await pages.AccessTokenAsync(pageId, cancellationToken);
        var error = token is null ? null : await graph.UnsubscribeAppAsync(pageId, token, cancellationToken);
        await pages.DisconnectAsync(pageId, cancellationToken);
        return error;
    }

    /// <summary>What stops working without a permission, in the admin's words; null when nothing does.</summary>
    public static string? MissingFeature(string permission) => permission switch
    {
        "pages_messaging" => CoreText.Get<FacebookLogin>("MissingMessaging"),
        "pages_manage_metadata" => CoreText.Get<FacebookLogin>("MissingMetadata"),
        "pages_manage_engagement" => CoreText.Get<FacebookLogin>("MissingEngagement"),
        "pages_read_user_content" or "pages_read_engagement" => CoreText.Get<FacebookLogin>("MissingReadContent"),
        "pages_show_list" => CoreText.Get<FacebookLogin>("MissingShowList"),
        "business_management" => CoreText.Get<FacebookLogin>("MissingBusiness"),
        _ => null,
    };
}

/// <summary>Where Facebook Login's dialog is: Meta's, or the sandbox's stand-in (resolved lazily, like the Graph API).</summary>
public sealed class FacebookDialog(Func<string> url)
{
    public string Url() => url();
}
