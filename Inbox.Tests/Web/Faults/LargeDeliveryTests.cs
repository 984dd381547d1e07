using System.Diagnostics;
using System.Net;
using System.Text;
using Dapper;
using Inbox.Core.Ingestion;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Xunit.Abstractions;

namespace Inbox.Tests.Web.Faults;

/// <summary>A delivery of thousands of events must not hold other deliveries' acknowledgements while it is applied.</summary>
[Trait("Category", "Faults")]
public sealed class LargeDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 6_000;
    private const string Customers = "SELECT COUNT(*) FROM messages WHERE mid LIKE 'm_large_%' OR mid = 'm_small_1'";
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Another_delivery_is_acknowledged_while_a_6000_event_one_is_being_applied_and_both_are_applied_once()
    {
        var at = DateTimeOffset.UtcNow;
        var messaging = Enumerable.Range(0, Events).Select(i =>
            $$$"""{"sender":{"id":"71{{{i:D14}}}"},"recipient":{"id":"{{{Fixture.DemoPageId}}}"},"timestamp":{{{at.ToUnixTimeMilliseconds() + i}}},"message":{"mid":"m_large_{{{i}}}","text":"Order {{{i}}}: where is it?"}}""");
        var large = Encoding.UTF8.GetBytes($$$"""{"object":"page","entry":[{"id":"{{{Fixture.DemoPageId}}}","time":{{{at.ToUnixTimeMilliseconds()}}},"messaging":[{{{string.Join(',', messaging)}}}]}]}""");
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(large)).StatusCode);
        await Eventually.TrueAsync(async () => await CountAsync(Customers) > 0, "the large delivery's first events to be applied", 60);

        var stopwatch = Stopwatch.StartNew();
        var small = await PostWebhookAsync(Fixture.CustomerText("7199999999999999", at, "m_small_1", "Is the shop open today?"));
        var acknowledgedAfter = stopwatch.Elapsed;
        var largeStillApplying = await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending' AND id = (SELECT MIN(id) FROM webhook_deliveries)");

        output.WriteLine($"{large.Length / 1024.0 / 1024:F2} MB delivery of {Events} events; another acknowledged after {acknowledgedAfter.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(1, largeStillApplying);
        await Eventually.TrueAsync(async () => await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'done'") == 0, "both deliveries to be applied", 120);
        Assert.Equal(Events + 1, await CountAsync(Customers));
        Assert.Equal(Events + 1, await CountAsync("SELECT COUNT(DISTINCT mid) FROM messages WHERE mid LIKE 'm_large_%' OR mid = 'm_small_1'"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private Task<HttpResponseMessage> PostWebhookAsync(byte[] body) => SignedWebhook.PostAsync(_app.CreateClient(), "", body);
}
