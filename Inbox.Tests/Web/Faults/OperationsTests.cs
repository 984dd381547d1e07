using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Inbox.Core.Ingestion;
using Inbox.Core.Storage;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web.Faults;

/// <summary>What an operator sees (health, metrics), and the webhook's answer when the database cannot store.</summary>
[Trait("Category", "Faults")]
public sealed class OperationsTests : IAsyncLifetime
{
    private const string ScraperToken = "scraper-secret-for-tests";
    private readonly InboxAppFactory _app = new() { Settings = new Dictionary<string, string> { ["Operations:MetricsToken"] = ScraperToken } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Liveness_and_readiness_answer_without_sign_in()
    {
        var client = _app.CreateClient();

        var live = await client.GetAsync("/healthz/live");
        var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_served_to_a_scraper_with_the_token_and_count_acknowledged_deliveries()
    {
        var body = Fixture.CustomerText("psid-metrics", DateTimeOffset.UtcNow, "m_metrics_1");
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(body)).StatusCode);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScraperToken);

        // The exporter caches its scrape for a moment: wait for a scrape that includes the delivery.
        var text = await Eventually.ReturnsAsync(async () =>
        {
            var scraped = await client.GetStringAsync("/metrics");
            return scraped.Contains("inbox_deliveries_acknowledged", StringComparison.Ordinal) ? scraped : null;
        }, "the acknowledged delivery to be counted");

        Assert.Contains("inbox_ingest_pending", text, StringComparison.Ordinal);
        Assert.Contains("inbox_outbox_queue", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Metrics_are_refused_without_the_token_or_an_admin(string? token)
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.GetAsync("/metrics");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("inbox_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_refused_to_an_agents_token()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.TokenForAsync(InboxAppFactory.Demo.AgentEmail));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_locked_database_gets_a_503_never_a_200_and_the_delivery_is_stored_when_meta_retries()
    {
        _app.CreateClient();
        var body = Fixture.CustomerText("psid-locked", DateTimeOffset.UtcNow, "m_locked_1");
        var store = _app.Service<WebhookDeliveryStore>();
        var before = await store.CountAsync(DeliveryStatus.Pending, CancellationToken.None) + await store.CountAsync(DeliveryStatus.Done, CancellationToken.None);

        HttpResponseMessage refused;
        await using (var locker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_app.Service<Database>().DataSource}"))
        {
            await locker.OpenAsync();
            // Another process holding the write lock for longer than the busy timeout (5 s).
            await locker.ExecuteAsync("BEGIN IMMEDIATE; INSERT INTO app_settings (key, value) VALUES ('lock-test', 'x') ON CONFLICT (key) DO NOTHING;");
            refused = await PostWebhookAsync(body);
            await locker.ExecuteAsync("ROLLBACK;");
        }
        var retried = await PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("5", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var after = await store.CountAsync(DeliveryStatus.Pending, CancellationToken.None) + await store.CountAsync(DeliveryStatus.Done, CancellationToken.None);
        Assert.Equal(before + 1, after);
    }

    private Task<HttpResponseMessage> PostWebhookAsync(byte[] body) => SignedWebhook.PostAsync(_app.CreateClient(), "", body);
}
