using Inbox.Core.Ingestion;

namespace Inbox.Core.Pages;

/// <summary>Connects a Page and releases the deliveries that were held back until it was.</summary>
public sealed class PageConnector(PageStore pages, WebhookDeliveryStore deliveries, IngestSignal ingest)
{
    /// <summary>Returns how many held-back deliveries were queued again.</summary>
    public async Task<int> ConnectAsync(string id, string name, string accessToken, string timeZone, CancellationToken cancellationToken)
    {
        await pages.ConnectAsync(id, name, accessToken, timeZone, cancellationToken);
        var released = await deliveries.RetryUnconnectedAsync(cancellationToken);
        ingest.Pulse();
        return released;
    }
}
