using Inbox.Core.ApiTokens;
using Inbox.Core.Contacts;
using Inbox.Core.Conversations;
using Inbox.Core.Demo;
using Inbox.Core.Ingestion;
using Inbox.Core.Live;
using Inbox.Core.Meta;
using Inbox.Core.Outbox;
using Inbox.Web.Endpoints;
using Inbox.Web.Sandbox;
using Inbox.Core.Pages;
using Inbox.Core.SavedReplies;
using Inbox.Core.Storage;
using Inbox.Core.Users;
using Inbox.Web.Auth;
using Inbox.Web.Startup;
using Inbox.Web.Operations;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Inbox.Web.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Inbox.Web;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddInboxServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName));
        services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.SectionName));
        services.AddOptions<IngestionOptions>().Bind(builder.Configuration.GetSection(IngestionOptions.SectionName));
        services.AddOptions<Inbox.Core.History.HistoryImportOptions>().Bind(builder.Configuration.GetSection(Inbox.Core.History.HistoryImportOptions.SectionName));
        services.AddOptions<MetaOptions>().Bind(builder.Configuration.GetSection(MetaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<MetaOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<MetaOptions>>(provider => provider.GetRequiredService<MetaOptionsSetup>());
        services.AddSingleton<IValidateOptions<MetaOptions>>(provider => provider.GetRequiredService<MetaOptionsSetup>());

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<AppSettingStore>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<UserChanges>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<PageStore>();
        services.AddSingleton<PageSettingsChanges>();
        services.AddSingleton<PageConnector>();
        services.AddSingleton<SavedReplyStore>();
        services.AddSingleton<DemoSeeder>();
        AddIngestion(services);
        services.AddNodes(builder.Configuration);
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<DemoSignIn>();

        services.AddDataProtection().SetApplicationName("Inbox");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new DataProtectionKeyStore(provider.GetRequiredService<Database>())));

        AddAuthentication(services);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddInboxOperations(builder.Configuration);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddInboxLocalization();
        services.AddScoped<Components.BrowserClock>();
        services.AddScoped<Features.Inbox.Teammates>();
        services.AddScoped<Components.ViewerTheme>();
        services.AddSingleton<Components.ThemeStyles>();
        services.AddSingleton<Features.Inbox.RowMarkup>();
        return builder;
    }

    private static void AddIngestion(IServiceCollection services)
    {
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<Inbox.Core.Nodes.NodeIdentity>();
        services.AddSingleton<Inbox.Core.Nodes.WorkLeases>();
        services.AddSingleton<UnreadCount>();
        services.AddSingleton<DisconnectedPages>();
        services.AddSingleton<ViewHeads>();
        services.AddSingleton<SharedViewCounts>();
        services.AddSingleton<ChangeDetails>();
        services.AddSingleton(provider => new WriteGate(serialize: provider.GetRequiredService<Database>().Dialect.SingleWriter));
        services.AddHostedService<WalCheckpointer>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<KeptEventStore>();
        services.AddSingleton<IngestSignal>();
        services.AddSingleton<EventApplier>();
        services.AddSingleton<Inbox.Core.Automation.AutomationStore>();
        services.AddSingleton<Inbox.Core.Automation.AutomationRules>();
        services.AddSingleton<IngestWorker>();
        services.AddSingleton<DeliveryWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryWriter>());
        services.AddHostedService(provider => provider.GetRequiredService<IngestWorker>());
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<SendSignal>();
        services.AddSingleton<SendWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<SendWorker>());
        AddGraph(services);
        services.AddSingleton<ContactStore>();
        services.AddSingleton<ProfileSignal>();
        services.AddHostedService<ProfileWorker>();
        services.AddSingleton<ConversationWorkflow>();
        services.AddSingleton<NoteStore>();
        services.AddSingleton<DraftStore>();
        services.AddSingleton<LabelStore>();
        services.AddSingleton<Inbox.Core.Users.TeamStore>();
        services.AddSingleton<ContactDetails>();
        services.AddSingleton<PersonLinks>();
        services.AddSingleton<AutoAssigner>();
        services.AddHostedService<AutoAssignWorker>();
        services.AddSingleton<Inbox.Core.Audit.AuditLog>();
        services.AddSingleton<PresenceTracker>();
        services.AddScoped<Components.PresenceSession>();
        services.AddSingleton<Inbox.Core.Search.SearchStore>();
        services.AddSingleton<Inbox.Core.Search.SearchIndexer>();
        services.AddHostedService(provider => provider.GetRequiredService<Inbox.Core.Search.SearchIndexer>());
        services.AddHostedService<SnoozeWaker>();
        services.AddSingleton<Inbox.Core.Pages.TokenHealth>();
        services.AddHostedService<Inbox.Core.Pages.TokenHealthWorker>();
        services.AddSingleton<Inbox.Core.History.HistorySignal>();
        services.AddSingleton<Inbox.Core.History.HistoryImportStore>();
        services.AddSingleton<Inbox.Core.History.HistoryImporter>();
        services.AddHostedService<Inbox.Core.History.HistoryImportWorker>();
        services.AddSingleton<Inbox.Core.Comments.ModerationStore>();
        services.AddSingleton<Inbox.Core.Comments.CommentSignal>();
        services.AddSingleton<Inbox.Core.Comments.CommentStore>();
        services.AddSingleton<Inbox.Core.Comments.CommentActions>();
        services.AddHostedService<Inbox.Core.Comments.CommentWorker>();
        services.AddSingleton<Inbox.Core.Responsiveness.ResponsivenessSettings>();
        services.AddSingleton<Inbox.Core.Responsiveness.ResponseFactCache>();
        services.AddSingleton<Inbox.Core.Responsiveness.ResponsivenessReporter>();
        services.AddSingleton<Inbox.Core.SenderActions.SenderActionQueue>();
        services.AddHostedService<Inbox.Core.SenderActions.SenderActionWorker>();
        services.AddHostedService<Demo.CustomerSimulator>();
        services.AddSignalR();
        services.AddHostedService<Hubs.LiveFeedHubRelay>();
        services.AddSingleton<Hubs.HubConnections>();
        services.AddHostedService<Hubs.HubSessionSweeper>();
    }

    private static void AddGraph(IServiceCollection services)
    {
        services.AddSingleton<SelfUrl>();
        services.AddSingleton<SandboxGraph>();
        services.AddHttpClient(nameof(SandboxGraph));
        services.AddSingleton(provider =>
        {
            var meta = provider.GetRequiredService<IOptions<MetaOptions>>().Value;
            var self = provider.GetRequiredService<SelfUrl>();
            return meta.GraphBaseUrl is { Length: > 0 } configured ? new GraphEndpoint(() => configured, meta.GraphVersion)
                : meta.Sandbox.Enabled == true ? new GraphEndpoint(() => self.Value + SandboxGraphEndpoints.GraphPath, meta.GraphVersion, self.ListeningAsync)
                : new GraphEndpoint(() => GraphEndpoint.MetaGraphUrl, meta.GraphVersion);
        });
        services.AddGraphClient();
        services.AddSingleton<SandboxLogin>();
        services.AddSingleton<SandboxHistory>();
        // The dialog is opened by the admin's browser: the sandbox's is on this app's own address, whatever it is.
        services.AddSingleton(provider =>
        {
            var meta = provider.GetRequiredService<IOptions<MetaOptions>>().Value;
            return new Inbox.Core.Pages.FacebookDialog(meta.Sandbox.Enabled == true
                ? () => SandboxLoginEndpoints.DialogPath
                : () => $"https://www.facebook.com/{meta.GraphVersion}/dialog/oauth");
        });
        services.AddSingleton<Inbox.Core.Pages.FacebookLogin>();
        services.AddSingleton<Features.Settings.Facebook.PendingLogins>();
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<SessionValidator>();
        services.AddScoped<InboxCookieEvents>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/access-denied";
                options.Cookie.Name = "inbox.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.EventsType = typeof(InboxCookieEvents);
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            // Everything requires a signed-in user unless it says otherwise ([AllowAnonymous]).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiEndpoints.PolicyName, policy => policy
                .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());

        services.AddApiDocument();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();
    }
}
