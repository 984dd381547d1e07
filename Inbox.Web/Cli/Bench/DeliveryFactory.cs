using System.Text;
using Inbox.Core.Meta;

namespace Inbox.Web.Cli.Bench;

/// <summary>Signed Messenger deliveries shaped like Meta's, each with its own mid.</summary>
public sealed class DeliveryFactory(string pageId, string appSecret, string runId)
{
    private long _sequence;

    public (byte[] Body, string Signature, string Psid) Next(int distinctCustomers)
    {
        var n = Interlocked.Increment(ref _sequence);
        var psid = distinctCustomers > 0 ? $"bench-{runId}-{n % distinctCustomers}" : $"bench-{runId}-{n}";
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var body = Encoding.UTF8.GetBytes(
            $"{{\"object\":\"page\",\"entry\":[{{\"id\":\"{pageId}\",\"time\":{now},\"messaging\":[{{\"sender\":{{\"id\":\"{psid}\"}},\"recipient\":{{\"id\":\"{pageId}\"}}," +
            $"\"timestamp\":{now},\"message\":{{\"mid\":\"m_bench_{runId}_{n}\",\"text\":\"Benchmark message {n}: do you ship to Lyon?\"}}}}]}}]}}");
        return (body, WebhookSignature.Sign(body, appSecret), psid);
    }
}
