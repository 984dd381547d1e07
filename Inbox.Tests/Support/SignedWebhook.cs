using System.Net.Http.Headers;
using Inbox.Core.Meta;
using Inbox.Web.Startup;

namespace Inbox.Tests.Support;

/// <summary>Posts a delivery to the webhook as Meta does: JSON, signed with the demo app's secret.</summary>
public static class SignedWebhook
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string baseUrl, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, MetaOptionsSetup.DemoAppSecret));
        return await client.PostAsync(baseUrl + "/webhooks/meta", content);
    }
}
