using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Inbox.Core;
using Inbox.Core.Users;
using Inbox.Web;
using Inbox.Web.Auth;
using Inbox.Web.Components;
using Inbox.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Layout;

public sealed class MainLayoutTests : Inbox.Tests.Support.MudComponentTest
{
    private readonly BunitAuthorizationContext _auth;
    private readonly Support.TestDatabase _database;

    public MainLayoutTests()
    {
        Services.AddLocalization();
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgeryState>();
        Services.AddScoped<ViewerTheme>();
        Services.AddSingleton<ThemeStyles>();
        // The layout's unread counter reads conversations and listens to the live feed.
        _database = new Support.TestDatabase();
        _database.MigratedAsync().GetAwaiter().GetResult();
        Services.AddSingleton(_database.Database);
        Services.AddSingleton<Inbox.Core.Conversations.ConversationStore>();
        Services.AddSingleton<Inbox.Core.Live.UnreadCount>();
        Services.AddSingleton<Inbox.Core.Live.DisconnectedPages>();
        // The availability switch reads the Pages and their automation.
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        Services.AddSingleton<Inbox.Core.Pages.PageStore>();
        Services.AddSingleton<Inbox.Core.Pages.PageSettingsChanges>();
        Services.AddSingleton<Inbox.Core.Automation.AutomationStore>();
        Services.AddSingleton(new Inbox.Core.Live.LiveFeed(Microsoft.Extensions.Logging.Abstractions.NullLogger<Inbox.Core.Live.LiveFeed>.Instance));
        // Who else is online, shown in the header.
        Services.AddSingleton<Inbox.Core.Live.PresenceTracker>();
        Services.AddScoped<Inbox.Web.Components.PresenceSession>();
        Services.AddSingleton<Inbox.Core.Conversations.NoteStore>();
        Services.AddSingleton<Inbox.Core.Live.ChangeDetails>();
        // The language picker reads and saves the person's choice.
        Services.AddMemoryCache();
        Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        Services.AddSingleton<UserChanges>();
        Services.AddSingleton<UserStore>();
        Services.AddSingleton<Inbox.Core.ApiTokens.ApiTokenStore>();
        Services.AddSingleton<SessionValidator>();
        _auth = AddAuthorization();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void An_admin_sees_every_section_their_name_role_and_a_protected_sign_out()
    {
        SignIn("Alex Admin", "Admin");

        var layout = RenderLayout();

        Assert.Equal(["Inbox", "Comments", "Saved replies", "Dashboard", "Settings", "System"], NavItems(layout));
        Assert.Contains("Alex Admin", layout.Find(".inbox-user").TextContent, StringComparison.Ordinal);
        Assert.Contains("Admin", layout.Find(".inbox-user-role").TextContent, StringComparison.Ordinal);
        var signOut = layout.Find("form.inbox-signout");
        Assert.Equal("post", signOut.GetAttribute("method"));
        Assert.Equal("account/logout", signOut.GetAttribute("action"));
        Assert.Equal("layout-test-token", signOut.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Contains("page body", layout.Find("main").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rail_marks_the_section_on_screen_and_follows_navigation()
    {
        SignIn("Camille", "Agent");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("conversations/5");

        var layout = RenderLayout();

        // A conversation is in the inbox.
        Assert.Equal(["Inbox"], Current(layout));
        navigation.NavigateTo("comments");
        layout.WaitForAssertion(() => Assert.Equal(["Comments"], Current(layout)));
        navigation.NavigateTo("saved-replies/new");
        layout.WaitForAssertion(() => Assert.Equal(["Saved replies"], Current(layout)));
    }

    private static List<string> Current(IRenderedComponent<MainLayout> layout) =>
        [.. layout.FindAll(".inbox-rail-link.active[aria-current=page] span").Select(e => e.TextContent.Trim())];

    [Fact]
    public void An_agent_is_not_shown_the_dashboard_or_settings()
    {
        SignIn("Camille", "Agent");

        Assert.Equal(["Inbox", "Comments", "Saved replies"], NavItems(RenderLayout()));
    }

    [Fact]
    public void A_manager_sees_the_dashboard_but_not_settings()
    {
        SignIn("Morgan", "Manager");

        Assert.Equal(["Inbox", "Comments", "Saved replies", "Dashboard"], NavItems(RenderLayout()));
    }

    [Fact]
    public void The_header_switches_between_the_light_and_dark_theme_and_remembers_it_in_a_cookie()
    {
        SignIn("Alex Admin", "Admin");
        var theme = Services.GetRequiredService<ViewerTheme>();
        var layout = RenderLayout();
        Assert.Equal("false", layout.Find("[data-testid=theme-switch]").GetAttribute("aria-pressed"));

        layout.Find("[data-testid=theme-switch]").Click();

        Assert.True(theme.IsDark);
        Assert.Equal("true", layout.Find("[data-testid=theme-switch]").GetAttribute("aria-pressed"));
        var saved = JSInterop.Invocations["inbox.saveTheme"];
        Assert.Equal(ThemeCookie.Dark, saved[^1].Arguments[0]);

        layout.Find("[data-testid=theme-switch]").Click();

        Assert.False(theme.IsDark);
        Assert.Equal(ThemeCookie.Light, JSInterop.Invocations["inbox.saveTheme"][^1].Arguments[0]);
    }

    [Fact]
    public void A_name_with_markup_is_shown_as_text()
    {
        SignIn("<img src=x onerror=alert(1)>", "Agent");

        var layout = RenderLayout();

        Assert.Empty(layout.FindAll(".inbox-user img"));
        Assert.Contains("<img src=x onerror=alert(1)>", layout.Find(".inbox-user").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_french_speaking_person_sees_the_navigation_and_header_in_french()
    {
        SignIn("Camille", "Manager");
        var layout = CoreText.InLanguage(CultureInfo.GetCultureInfo("fr"), RenderLayout);

        Assert.Equal(["Boîte de réception", "Commentaires", "Réponses enregistrées", "Tableau de bord"], NavItems(layout));
        Assert.Contains("Responsable", layout.Find(".inbox-user-role").TextContent, StringComparison.Ordinal);
        Assert.Equal("Se déconnecter", layout.Find("form.inbox-signout button").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Choosing_a_language_keeps_it_for_the_person_and_reloads_the_page_in_it()
    {
        var users = Services.GetRequiredService<UserStore>();
        var user = await users.AddAsync("lea@demo.inbox", "Léa", UserRole.Agent, "correct horse battery", CancellationToken.None);
        SignIn("Léa", "Agent");
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)));
        var navigation = Services.GetRequiredService<NavigationManager>();
        var layout = RenderLayout();
        var picker = layout.Find("select.inbox-language");
        Assert.Equal(["Browser's language", "English", "Français"], picker.QuerySelectorAll("option").Select(o => o.TextContent));

        picker.Change("fr");

        Assert.Equal("fr", (await users.FindByIdAsync(user.Id, CancellationToken.None))!.Language);
        layout.WaitForAssertion(() => Assert.Contains(((BunitNavigationManager)navigation).History, entry => entry.Options.ForceLoad));

        layout.Find("select.inbox-language").Change("");

        Assert.Null((await users.FindByIdAsync(user.Id, CancellationToken.None))!.Language);
    }

    private void SignIn(string name, string role)
    {
        _auth.SetAuthorized(name);
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.Email, "someone@demo.inbox"));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(l => l.Body, (RenderFragment)(builder => builder.AddContent(0, "page body"))));

    private static List<string> NavItems(IRenderedComponent<MainLayout> layout) =>
        [.. layout.FindAll(".inbox-rail-link span").Select(e => e.TextContent.Trim())];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }

    private sealed class FixedAntiforgeryState : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("layout-test-token", "__RequestVerificationToken");
    }
}
