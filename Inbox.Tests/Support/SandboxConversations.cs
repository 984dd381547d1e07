using Inbox.Core.Conversations;
using Inbox.Core.Outbox;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Support;

/// <summary>Drives a running app through the sandbox: a customer writes, an agent replies, a test waits for the outcome.</summary>
public static class SandboxConversations
{
    public static async Task<ConversationSummary> CustomerWritesAsync(this InboxAppFactory app, string psid, string text, string? name = null)
    {
        await app.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, psid, text, name, CancellationToken.None);
        return await Eventually.ReturnsAsync(
            async () => (await app.Service<ConversationStore>().ListAsync(0, 100, CancellationToken.None)).FirstOrDefault(c => c.Psid == psid),
            $"{psid}'s conversation");
    }

    public static async Task<long> AgentRepliesAsync(this InboxAppFactory app, long conversationId, string text)
    {
        var agent = await app.FindUserAsync(InboxAppFactory.Demo.AgentEmail);
        var id = await app.Service<OutboxStore>().EnqueueReplyAsync(conversationId, agent!.Id, text, CancellationToken.None);
        app.Service<SendSignal>().Pulse();
        return id;
    }

    public static async Task<Message?> MessageIfAsync(this InboxAppFactory app, long messageId, MessageStatus status) =>
        await app.Service<ConversationStore>().MessageAsync(messageId, CancellationToken.None) is { } message && message.Status == status ? message : null;

    public static Task<Message> MessageWhenAsync(this InboxAppFactory app, long messageId, MessageStatus status, int timeoutSeconds = 15) =>
        Eventually.ReturnsAsync(() => app.MessageIfAsync(messageId, status), $"message {messageId} to be {status}", timeoutSeconds);

    /// <summary>Posts a recorded delivery to the app's webhook, signed as Meta signs it, over HTTP.</summary>
    public static async Task PostSignedWebhookAsync(this InboxAppFactory app, byte[] body)
    {
        using var http = app.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.Add(Inbox.Core.Meta.WebhookSignature.HeaderName, Inbox.Core.Meta.WebhookSignature.Sign(body, Inbox.Web.Startup.MetaOptionsSetup.DemoAppSecret));
        using var response = await http.PostAsync(Inbox.Web.Endpoints.WebhookEndpoints.Path, content);
        response.EnsureSuccessStatusCode();
    }
}
