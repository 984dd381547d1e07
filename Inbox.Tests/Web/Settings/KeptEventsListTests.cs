using Bunit;
using Dapper;
using Inbox.Core.Ingestion;
using Inbox.Core.Meta;
using Inbox.Tests.Support;
using Inbox.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Settings;

public sealed class KeptEventsListTests : Inbox.Tests.Support.MudComponentTest, IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private KeptEventStore _kept = default!;

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        Services.AddLocalization();
        _kept = new KeptEventStore(_db.Database, new IngestSignal(), TimeProvider.System);
        Services.AddSingleton(_kept);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public void Nothing_kept_says_so()
    {
        var list = Render<KeptEventsList>();

        list.WaitForAssertion(() => Assert.Contains("No event was kept apart", list.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_kept_event_shows_its_reason_in_words_and_can_be_tried_again_once()
    {
        const string Reason = "The event lacks message.mid, which Inbox needs to apply it.";
        await KeepAsync(new UnreadableEvent(Fixture.DemoPageId, "7100000000000006", DateTimeOffset.UnixEpoch.AddYears(56), Reason, """{"sender":{"id":"7100000000000006"},"message":{"text":"<b>hi</b>"}}"""));

        var list = Render<KeptEventsList>();
        list.WaitForAssertion(() => Assert.Equal(Reason, list.Find(".delivery-error").TextContent));
        Assert.Contains("<b>hi</b>", list.Find(".delivery-body").TextContent, StringComparison.Ordinal);
        Assert.Empty(list.FindAll(".delivery-body b"));

        await list.Find("button").ClickAsync(new());

        list.WaitForAssertion(() => Assert.Contains("No event was kept apart", list.Markup, StringComparison.Ordinal));
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        var queued = await connection.QuerySingleAsync<byte[]>("SELECT body FROM webhook_deliveries WHERE status = 'pending'");
        Assert.Contains("\"messaging\":[{\"sender\"", System.Text.Encoding.UTF8.GetString(queued), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_without_a_page_cannot_be_tried_again()
    {
        await KeepAsync(new UnreadableEvent("", "", DateTimeOffset.UnixEpoch.AddYears(56), "The entry lacks its Page id (entry.id).", "{}"));

        var list = Render<KeptEventsList>();

        list.WaitForAssertion(() => Assert.Single(list.FindAll(".delivery-error")));
        Assert.Empty(list.FindAll("button"));
    }

    private async Task KeepAsync(UnreadableEvent unreadable)
    {
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await _kept.KeepAsync(connection, transaction, 7, [(0, unreadable)], CancellationToken.None);
        await transaction.CommitAsync();
    }
}
