using Bunit;
using Inbox.Core.Live;
using Inbox.Core.Pages;
using Inbox.Tests.Support;
using Inbox.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Layout;

public sealed class DisconnectedPagesBannerTests : Inbox.Tests.Support.MudComponentTest, IAsyncLifetime
{
    private IngestionHarness _inbox = default!;
    private PageStore _pages = default!;

    public async Task InitializeAsync()
    {
        Services.AddLocalization();
        _inbox = await IngestionHarness.CreateAsync();
        _pages = new PageStore(_inbox.Db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        Services.AddSingleton(_pages);
        Services.AddSingleton(_inbox.Feed);
        Services.AddSingleton<DisconnectedPages>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _inbox.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task A_page_refused_by_meta_appears_as_soon_as_a_send_fails_and_says_what_to_do()
    {
        var banner = Render<DisconnectedPagesBanner>();
        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid=disconnected-banner]")));

        await _pages.MarkDisconnectedAsync(Fixture.DemoPageId, Inbox.Core.Pages.TokenProblem.PasswordChanged, "Error validating access token (code 190/460)", CancellationToken.None);
        _inbox.Feed.Publish(new InboxChange(1, InboxChangeKind.MessageUpdated, 1));

        banner.WaitForAssertion(() =>
        {
            var alert = banner.Find("[data-testid=disconnected-banner]");
            Assert.Contains("Demo Page is disconnected", alert.TextContent, StringComparison.Ordinal);
            Assert.Contains("The password of the Facebook account that connected it was changed.", alert.TextContent, StringComparison.Ordinal);
            Assert.Contains("Connect with Facebook again", alert.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Every_admin_tab_shows_it_from_one_read_per_change()
    {
        var tabs = Enumerable.Range(0, 20).Select(_ => Render<DisconnectedPagesBanner>()).ToList();
        var shared = Services.GetRequiredService<DisconnectedPages>();
        await Eventually.TrueAsync(() => Task.FromResult(shared.HasValue), "the first read");
        var before = shared.Reads;

        await _pages.MarkDisconnectedAsync(Fixture.DemoPageId, Inbox.Core.Pages.TokenProblem.PasswordChanged, "Error validating access token (code 190/460)", CancellationToken.None);
        _inbox.Feed.Publish(new InboxChange(1, InboxChangeKind.MessageUpdated, 1));

        tabs.ForEach(tab => tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=disconnected-banner]"))));
        Assert.Equal(before + 1, shared.Reads);
    }
}
