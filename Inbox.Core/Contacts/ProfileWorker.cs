using Inbox.Core.Live;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Contacts;

/// <summary>
/// Asks the User Profile API for the name and picture of each new contact, and again when a stale one writes, off
/// the ingest path so a slow or failing Graph call never delays messages. A person without a profile keeps a clear
/// placeholder name.
/// </summary>
public sealed partial class ProfileWorker(
    ContactStore contacts, PageStore pages, GraphClient graph, LiveFeed feed, ProfileSignal signal, Nodes.WorkLeases leases, TimeProvider time,
    ILogger<ProfileWorker> logger)
    : WorkerLoop(time, logger)
{
    // Longer than a Graph call with its retries: held by a node that died, it runs out and another node asks.
    private static readonly TimeSpan s_lease = TimeSpan.FromMinutes(2);
    private const string LeaseKind = "profile";

    // Contacts Meta could not answer for are tried again on the next pulse, or after this long.
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMinutes(5);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var fetched = 0;
        foreach (var contact in await contacts.DueForProfileAsync(20, stoppingToken))
        {
            if (!await leases.TryTakeAsync(LeaseKind, contact.WorkItem, s_lease, stoppingToken))
            {
                continue;
            }
            if (await FetchAsync(contact, stoppingToken))
            {
                fetched++;
            }
            else
            {
                await leases.ReleaseAsync(LeaseKind, contact.WorkItem, stoppingToken);
            }
        }
        return fetched > 0;
    }

    protected override Task<bool> WaitForWorkAsync(CancellationToken stoppingToken) => PulseOrTimeoutAsync(signal, s_retryInterval, stoppingToken);

    /// <summary>Returns false when Meta could not answer for now, so the contact stays to be tried later.</summary>
    private async Task<bool> FetchAsync(ContactToProfile contact, CancellationToken cancellationToken)
    {
        var token = await pages.AccessTokenAsync(contact.PageId, cancellationToken);
        var result = token is null ? null : await graph.GetProfileAsync(contact.PageId, contact.Psid, token, cancellationToken);
        if (result?.Error is { IsTransient: true } transient)
        {
            // Left unchecked: the next new contact wakes the worker and it is tried again then.
            LogTransient(contact.Id, transient);
            return false;
        }
        var profile = result?.Profile;
        var name = string.Join(' ', new[] { profile?.FirstName, profile?.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        await contacts.SetProfileAsync(contact.Id, name.Length == 0 ? null : name, profile?.ProfilePic, cancellationToken);
        feed.Publish(new InboxChange(contact.ConversationId, InboxChangeKind.ConversationUpdated));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile of contact {ContactId} not fetched for now: {Error}")]
    private partial void LogTransient(long contactId, GraphError error);
}
