using Inbox.Web.Features.Settings.Facebook;
using Inbox.Core.Meta;
using Inbox.Web.Components;
using Inbox.Web.Endpoints;
using Inbox.Web.Hubs;
using Inbox.Web.Startup;
using Inbox.Web.Operations;
using Microsoft.Extensions.Options;

namespace Inbox.Web;

public static class Pipeline
{
    public static WebApplication UseInboxPipeline(this WebApplication app)
    {
        // Behind a TLS-terminating proxy (on this machine by default; see ForwardedHeaders in the README), requests
        // keep their https scheme, so cookies are Secure and redirects stay on https.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        // A friendly page for people who follow a dead link; programs get the bare status and its text.
        app.UseWhen(IsPageRequest, branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status-code pages, so a re-executed request is routed to the not-found page.
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: a signed-in person's own language comes before their browser's.
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseHubOriginCheck();

        // Styles and scripts are needed by the sign-in page itself.
        app.MapStaticAssets().AllowAnonymous();
        app.MapInboxOperations();
        app.MapAccountEndpoints();
        app.MapWebhookEndpoints();
        app.MapHub<Hubs.InboxHub>(Hubs.InboxHub.Path);
        if (app.Services.GetRequiredService<IOptions<MetaOptions>>().Value.Sandbox.Enabled == true)
        {
            app.MapSandboxGraphEndpoints();
            app.MapSandboxLoginEndpoints();
            app.MapSandboxHistoryEndpoints();
        }
        app.MapFacebookLoginEndpoints();
        app.MapApiEndpoints();
        app.MapApiDocument();
        app.MapSavedReplyEndpoints();
        app.MapResponsivenessEndpoints();
        app.MapCommentEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) &&
        !context.Request.Path.StartsWithSegments("/api") &&
        !context.Request.Path.StartsWithSegments("/webhooks") &&
        !context.Request.Path.StartsWithSegments("/hubs") &&
        !context.Request.Path.StartsWithSegments("/sandbox");

    /// <summary>Readies storage, then says where to find the app.</summary>
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<DatabaseStartup>().RunAsync(cancellationToken);
        DemoBanner.PrintWhenStarted(app);
    }
}
