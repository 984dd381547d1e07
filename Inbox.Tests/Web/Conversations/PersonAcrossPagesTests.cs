using Bunit;
using Inbox.Core.Contacts;
using Inbox.Core.Pages;
using Inbox.Tests.Support;
using Inbox.Web.Components;
using Inbox.Web.Features.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Conversations;

public sealed class PersonAcrossPagesTests : Inbox.Tests.Support.MudComponentTest, IAsyncLifetime
{
    private const string ShopPageId = "200000000000002";
    private static readonly DateTimeOffset s_at = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private IngestionHarness _inbox = default!;

    public async Task InitializeAsync()
    {
        Services.AddLocalization();
        _inbox = await IngestionHarness.CreateAsync();
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<BrowserClock>();
        Services.AddSingleton(_inbox.Db.Database);
        Services.AddSingleton<PersonLinks>();
        Services.AddSingleton(Pages);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _inbox.DisposeAsync();
    }

    private PageStore Pages => new(_inbox.Db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());

    [Fact]
    public async Task With_one_page_there_is_nobody_to_link_and_nothing_is_shown()
    {
        var demo = await ConversationAsync("psid-solo", "Sofia Rossi", Fixture.DemoPageId);

        var panel = Render<PersonAcrossPages>(p => p.Add(c => c.ConversationId, demo));

        Assert.Empty(panel.FindAll("[data-testid=person-across-pages]"));
    }

    [Fact]
    public async Task An_agent_finds_the_person_on_another_page_links_them_and_can_undo_it()
    {
        await Pages.AddIfMissingAsync(ShopPageId, "Maison Lumière Shop", "Europe/Paris", CancellationToken.None);
        var demo = await ConversationAsync("psid-sofia-1", "Sofia Rossi", Fixture.DemoPageId);
        await ConversationAsync("psid-sofia-2", "Sofia Rossi", ShopPageId);
        var changes = 0;
        var panel = Render<PersonAcrossPages>(p => p.Add(c => c.ConversationId, demo).Add(c => c.OnLinksChanged, () => changes++));
        Assert.Contains("Not linked", panel.Find("[data-testid=person-across-pages]").TextContent, StringComparison.Ordinal);

        panel.Find("input.person-links-search").Input("rossi");
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=link-candidate]")));
        panel.Find("[data-testid=link-candidate] button").Click();

        panel.WaitForAssertion(() => Assert.Contains("Maison Lumière Shop", panel.Find("[data-testid=linked-conversation]").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, changes);
        Assert.Empty(panel.FindAll("[data-testid=link-candidate]"));

        panel.Find("[data-testid=person-across-pages] > button").Click();

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=linked-conversation]")));
        Assert.Equal(2, changes);
    }

    private async Task<long> ConversationAsync(string psid, string name, string pageId)
    {
        await _inbox.DeliverAsync(Fixture.CustomerText(psid, s_at, $"m-{psid}", $"Hello from {psid}", pageId));
        await using (var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE contacts SET name = @Name WHERE psid = @Psid", new { Name = name, Psid = psid });
        }
        var all = await _inbox.Conversations.ListAsync(0, 100, CancellationToken.None);
        return all.Single(c => c.LastMessagePreview == $"Hello from {psid}").Id;
    }
}
