using System.Net;
using Inbox.Core.Conversations;
using Inbox.Core.Ingestion;
using Inbox.Core.Meta;
using Inbox.Tests.Support;
using Inbox.Web.Startup;

namespace Inbox.Tests.Web;

public sealed class CrashSafetyTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_delivery_acknowledged_before_a_crash_is_applied_after_restart()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = _db.Provider,
            ["Storage__ConnectionString"] = _db.ConnectionString,
            ["Demo__Enabled"] = "true",
            ["Demo__Simulator__MessagesPerMinute"] = "0",
            ["Ingestion__WorkerEnabled"] = "false",
        };
        var body = Fixture.Bytes("text-message.json");
        using (var receiving = await AppProcess.StartAsync(_db.Folder, environment))
        {
            using var client = new HttpClient();
            using var content = new ByteArrayContent(body);
            content.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(receiving.BaseUrl + "/webhooks/meta", content)).StatusCode);
            receiving.Kill();
        }
        var deliveries = new WebhookDeliveryStore(_db.Database, TimeProvider.System);
        var conversations = new ConversationStore(_db.Database);
        Assert.Equal(1, await deliveries.CountAsync(DeliveryStatus.Pending, CancellationToken.None));
        Assert.Equal(0, await conversations.CountAsync(CancellationToken.None));

        environment["Ingestion__WorkerEnabled"] = "true";
        using var restarted = await AppProcess.StartAsync(_db.Folder, environment);

        var conversation = await Eventually.ReturnsAsync(
            async () => (await conversations.ListAsync(0, 10, CancellationToken.None)).SingleOrDefault(), "the message to be applied after restart");
        Assert.Equal("Hello, do you ship to Lyon?", conversation.LastMessagePreview);
        Assert.Equal(1, await deliveries.CountAsync(DeliveryStatus.Done, CancellationToken.None));
    }
}
