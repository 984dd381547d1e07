using Inbox.Web.Components;
using Inbox.Web.Endpoints;
using Inbox.Web.Startup;

namespace Inbox.Web;

public static class Pipeline
{
    public static WebApplication UseInboxPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Styles and scripts are needed by the sign-in page itself.
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapWebhookEndpoints();
        app.MapApiEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Readies storage, then says where to find the app.</summary>
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<DatabaseStartup>().RunAsync(cancellationToken);
        DemoBanner.PrintWhenStarted(app);
    }
}
