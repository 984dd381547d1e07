using System.Net;
using System.Text;
using Inbox.Core.Conversations;
using Inbox.Core.Ingestion;
using Inbox.Core.Meta;
using Inbox.Tests.Support;
using Inbox.Web.Startup;

namespace Inbox.Tests.Web;

public sealed class WebhookEndpointTests(InboxAppFactory app) : IClassFixture<InboxAppFactory>
{
    [Fact]
    public async Task The_verification_handshake_echoes_the_challenge_for_the_right_token_only()
    {
        var client = app.CreateClient();

        var ok = await client.GetAsync($"/webhooks/meta?hub.mode=subscribe&hub.verify_token={MetaOptionsSetup.DemoVerifyToken}&hub.challenge=1158201444");
        var wrong = await client.GetAsync("/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", ok.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task A_signed_delivery_is_acknowledged_stored_and_becomes_a_conversation()
    {
        var body = Unique(Fixture.Bytes("text-message.json"), "signed");

        var response = await PostAsync(body, WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await Eventually.ReturnsAsync(
            async () => (await app.Service<ConversationStore>().ListAsync(0, 100, CancellationToken.None)).FirstOrDefault(c => c.Psid == "signed"),
            "the delivered message to appear in a conversation");
        Assert.Equal("Hello, do you ship to Lyon?", conversation.LastMessagePreview);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not a signature")]
    public async Task A_missing_or_wrong_signature_is_refused_and_nothing_is_stored(string? signature)
    {
        var before = await StoredDeliveriesAsync();

        var response = await PostAsync(Fixture.Bytes("text-message.json"), signature);

        Assert.True(HttpStatusCode.Forbidden == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredDeliveriesAsync());
    }

    [Fact]
    public async Task A_body_signed_then_tampered_with_is_refused()
    {
        var body = Fixture.Bytes("text-message.json");
        var signature = WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret);
        body[^5] = (byte)'X';

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(body, signature)).StatusCode);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_refused_with_413_even_when_signed()
    {
        var before = await StoredDeliveriesAsync();
        var body = Encoding.UTF8.GetBytes("{\"object\":\"page\",\"padding\":\"" + new string('x', 1024 * 1024) + "\"}");

        var response = await PostAsync(body, WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await StoredDeliveriesAsync());
    }

    [Fact]
    public async Task A_signed_but_malformed_delivery_is_acknowledged_kept_and_dead_lettered_with_its_reason()
    {
        var body = Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":{\"id\":\"" + Fixture.DemoPageId + "\"}} ");

        var response = await PostAsync(body, WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dead = await Eventually.ReturnsAsync(
            async () => (await app.Service<WebhookDeliveryStore>().ProblemsAsync(100, CancellationToken.None)).FirstOrDefault(d => d.Body.SequenceEqual(body)),
            "the malformed delivery to be dead-lettered");
        Assert.Equal(DeliveryStatus.Dead, dead.Status);
        Assert.Contains("has no entry", dead.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_event_without_a_sender_is_acknowledged_and_kept_apart_with_its_reason()
    {
        var body = Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":[{\"id\":\"" + Fixture.DemoPageId + "\",\"time\":1795600000000,\"messaging\":[{\"timestamp\":1795600000000}]}]} ");

        var response = await PostAsync(body, WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kept = await Eventually.ReturnsAsync(
            async () => (await app.Service<KeptEventStore>().ListAsync(100, CancellationToken.None)).FirstOrDefault(k => k.Body == "{\"timestamp\":1795600000000}"),
            "the event to be kept apart");
        Assert.Contains("lacks sender.id", kept.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_deliveries_are_all_stored_and_applied()
    {
        var bodies = Enumerable.Range(0, 40).Select(i => Unique(Fixture.Bytes("text-message.json"), $"burst-{i}")).ToList();

        var responses = await Task.WhenAll(bodies.Select(b => PostAsync(b, WebhookSignature.Sign(b, MetaOptionsSetup.DemoAppSecret))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Eventually.TrueAsync(
            async () => (await app.Service<ConversationStore>().ListAsync(0, 1000, CancellationToken.None)).Count(c => c.Psid.StartsWith("burst-", StringComparison.Ordinal)) == 40,
            "all 40 burst conversations");
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            content.Headers.Add(WebhookSignature.HeaderName, signature);
        }
        return await app.CreateClient().PostAsync("/webhooks/meta", content);
    }

    private async Task<long> StoredDeliveriesAsync()
    {
        var store = app.Service<WebhookDeliveryStore>();
        long total = 0;
        foreach (var status in Enum.GetValues<DeliveryStatus>())
        {
            total += await store.CountAsync(status, CancellationToken.None);
        }
        return total;
    }

    /// <summary>The fixture with its own sender and mid, so tests sharing the app do not collide.</summary>
    private static byte[] Unique(byte[] fixture, string psid) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(fixture)
        .Replace("7100000000000001", psid, StringComparison.Ordinal)
        .Replace("m_text_0001", "m_" + psid, StringComparison.Ordinal));
}
