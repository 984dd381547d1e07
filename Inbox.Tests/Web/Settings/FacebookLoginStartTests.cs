using System.Net;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web.Settings;

/// <summary>Where "Connect with Facebook" sends an admin outside the sandbox: Meta's dialog, or a plain explanation.</summary>
public sealed class FacebookLoginStartTests
{
    [Fact]
    public async Task With_a_meta_app_the_admin_goes_to_facebooks_dialog_with_a_state_only_this_browser_holds()
    {
        await using var app = new InboxAppFactory { Settings = new Dictionary<string, string> { ["Meta:Sandbox:Enabled"] = "false", ["Meta:AppId"] = "987654321" } };
        var admin = BrowserlessClient.Create(app);
        await admin.SignInAsync(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword);

        var response = await admin.GetAsync("/settings/pages/facebook");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dialog = response.Headers.Location!;
        Assert.Equal("https://www.facebook.com/v23.0/dialog/oauth", dialog.GetLeftPart(UriPartial.Path));
        Assert.Contains("client_id=987654321", dialog.Query, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString("http://localhost/settings/pages/facebook/callback"), dialog.Query, StringComparison.Ordinal);
        Assert.Contains("scope=pages_show_list,pages_messaging,", dialog.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", dialog.Query, StringComparison.OrdinalIgnoreCase);
        var state = System.Web.HttpUtility.ParseQueryString(dialog.Query)["state"];
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Inbox.FacebookState=", StringComparison.Ordinal));
        Assert.Contains($"Inbox.FacebookState={state};", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_a_meta_app_the_admin_is_told_what_the_server_lacks()
    {
        await using var app = new InboxAppFactory { Settings = new Dictionary<string, string> { ["Meta:Sandbox:Enabled"] = "false" } };
        var admin = BrowserlessClient.Create(app);
        await admin.SignInAsync(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword);

        var response = await admin.GetAsync("/settings/pages/facebook");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/settings/pages/connect/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await (await admin.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("Facebook Login is not set up on this server", page, StringComparison.Ordinal);
        Assert.Contains("Meta:AppId and Meta:AppSecret", page, StringComparison.Ordinal);
    }
}
