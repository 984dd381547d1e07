using System.Globalization;
using Bunit;
using Inbox.Core;
using Inbox.Core.Ingestion;
using Inbox.Core.Pages;
using Inbox.Tests.Support;
using Inbox.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Settings;

public sealed class DeliveriesSettingsTests : Inbox.Tests.Support.MudComponentTest, IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        Services.AddLocalization();
        Services.AddSingleton(_db.Database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new WebhookDeliveryStore(_db.Database, TimeProvider.System));
        Services.AddSingleton<IngestSignal>();
        Services.AddSingleton(new PageStore(_db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task A_held_delivery_names_in_the_readers_language_only_the_pages_still_not_connected()
    {
        var deliveries = Services.GetRequiredService<WebhookDeliveryStore>();
        await Services.GetRequiredService<PageStore>().AddIfMissingAsync("111", "Shop", "UTC", CancellationToken.None);
        await deliveries.AppendAsync(["{}"u8.ToArray()], CancellationToken.None);
        var held = (await deliveries.PendingAsync(1, CancellationToken.None)).Single();
        await deliveries.MarkAsync(held.Id, DeliveryStatus.Unconnected, "111,222", "Page 222 is not connected; the delivery is kept and applied once it is.", CancellationToken.None);

        // Rendered as for a French reader: the page loads and renders again in the language it started with.
        var settings = CoreText.InLanguage(CultureInfo.GetCultureInfo("fr"), () => Render<DeliveriesSettings>());

        settings.WaitForAssertion(() => Assert.Equal(
            "La Page 222 n'est pas connectée\u00a0; la livraison est conservée et sera appliquée dès qu'elle le sera.",
            settings.Find(".delivery-error").TextContent));
    }
}
