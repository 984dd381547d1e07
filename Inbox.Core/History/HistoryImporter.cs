using Inbox.Core.Contacts;
using Inbox.Core.Ingestion;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Inbox.Core.History.HistoryImportStore;

namespace Inbox.Core.History;

/// <summary>
/// Brings a Page's recent history in, one Graph call per step: the conversations list, then the feed, then each
/// conversation's messages and each post's comments, page by page, newest first, back to the import's start date.
/// What a page brought is applied like a webhook delivery (the same mid or comment id is one item, whichever came
/// first) and committed with the import's position. After each call the next is timed from Meta's usage headers.
/// </summary>
public sealed partial class HistoryImporter(
    HistoryImportStore imports, PageStore pages, GraphClient graph, EventApplier applier, Storage.Database database, IOptions<HistoryImportOptions> options, TimeProvider time,
    ILogger<HistoryImporter> logger)
{
    // Beyond it a person's message can no longer be answered (Meta's HUMAN_AGENT tag).
    private static readonly TimeSpan s_humanAgentWindow = TimeSpan.FromDays(7);

    /// <summary>Takes the next step of the Page's import, if it is running.</summary>
    public async Task StepAsync(string pageId, CancellationToken cancellationToken)
    {
        if (await imports.GetAsync(pageId, cancellationToken) is not { State: HistoryImport.Running } import)
        {
            return;
        }
        if (await pages.AccessTokenAsync(pageId, cancellationToken) is not { } token)
        {
            await imports.StopAsync(pageId, TokenProblem.Invalid, CoreText.Get<HistoryImporter>("NotConnected"), cancellationToken);
            return;
        }
        var (error, usage) = import.Phase switch
        {
            HistoryImport.ListingConversations => await ListConversationsAsync(import, token, cancellationToken),
            HistoryImport.ListingFeed => await ListFeedAsync(import, token, cancellationToken),
            _ => await ReadItemAsync(import, token, cancellationToken),
        };
        await PaceAsync(import, error, usage, cancellationToken);
    }

    private async Task<(GraphError?, GraphUsage)> ListConversationsAsync(HistoryImport import, string token, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var (page, error) = await graph.ReadHistoryAsync<GraphClient.HistoryConversation>(
            import.NextUrl ?? GraphClient.ConversationsPath(import.PageId, limits.ListLimit), token, cancellationToken);
        if (error is null)
        {
            // Newest first: the first conversation last active before the start date ends the list.
            var inSpan = page.Rows.Where(c => c.Id is not null).TakeWhile(c => (GraphClient.ParseTime(c.UpdatedTime) ?? DateTimeOffset.MaxValue) >= import.SinceAt).ToList();
            var more = page.Next is not null && inSpan.Count == page.Rows.Count;
            await imports.ListedAsync(import.PageId, [.. inSpan.Select(c => new Item(Item.Conversation, c.Id!, GraphClient.MessagesPath(c.Id!, limits.ItemLimit)))], [],
                more ? page.Next : null, more ? HistoryImport.ListingConversations : HistoryImport.ListingFeed, cancellationToken);
        }
        return (error, page.Usage);
    }

    private async Task<(GraphError?, GraphUsage)> ListFeedAsync(HistoryImport import, string token, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var (page, error) = await graph.ReadHistoryAsync<GraphClient.HistoryPost>(
            import.NextUrl ?? GraphClient.FeedPath(import.PageId, import.SinceAt, limits.ListLimit), token, cancellationToken);
        if (error is null)
        {
            var inSpan = page.Rows.Where(p => p.Id is not null).TakeWhile(p => (GraphClient.ParseTime(p.CreatedTime) ?? DateTimeOffset.MaxValue) >= import.SinceAt).ToList();
            var more = page.Next is not null && inSpan.Count == page.Rows.Count;
            await imports.ListedAsync(import.PageId, [.. inSpan.Select(p => new Item(Item.Post, p.Id!, GraphClient.CommentsPath(p.Id!, limits.ItemLimit)))],
                [.. inSpan.Select(p => new ListedPost(p.Id!, p.Message, p.PermalinkUrl, GraphClient.ParseTime(p.CreatedTime) ?? import.SinceAt))],
                more ? page.Next : null, more ? HistoryImport.ListingFeed : HistoryImport.ReadingItems, cancellationToken);
            if (!more)
            {
                await imports.FinishIfEmptyAsync(import.PageId, cancellationToken);
            }
        }
        return (error, page.Usage);
    }

    private async Task<(GraphError?, GraphUsage)> ReadItemAsync(HistoryImport import, string token, CancellationToken cancellationToken)
    {
        if (await imports.NextItemAsync(import.PageId, cancellationToken) is not { } item)
        {
            await imports.FinishIfEmptyAsync(import.PageId, cancellationToken);
            return (null, GraphUsage.Unknown);
        }
        var scope = new EventApplier.Scope { Imported = true, ImportCountsFrom = import.CountsFrom, IncludeImported = import.IncludeInReport };
        var (error, usage) = item.Kind == Item.Conversation
            ? await ReadMessagesAsync(import, item, token, scope, cancellationToken)
            : await ReadCommentsAsync(import, item, token, scope, cancellationToken);
        if (error is { IsTransient: false, IsTokenInvalid: false } && !IsPermission(error))
        {
            // This conversation or post cannot be read (deleted since it was listed): the others still can.
            LogItemSkipped(item.ExternalId, import.PageId, error);
            await imports.ItemReadAsync(import.PageId, item, null, (_, _) => Task.FromResult(new Brought(0, 0, [])), cancellationToken);
            return (null, usage);
        }
        applier.Remember(scope);
        return (error, usage);
    }

    private async Task<(GraphError?, GraphUsage)> ReadMessagesAsync(HistoryImport import, Item item, string token, EventApplier.Scope scope, CancellationToken cancellationToken)
    {
        var (page, error) = await graph.ReadHistoryAsync<GraphClient.HistoryMessage>(item.Path, token, cancellationToken);
        if (error is not null)
        {
            return (error, page.Usage);
        }
        var rows = page.Rows.Select(m => (Row: m, At: GraphClient.ParseTime(m.CreatedTime))).Where(r => r.Row.Id is not null && r.At is not null).ToList();
        var inSpan = rows.TakeWhile(r => r.At >= import.SinceAt).ToList();
        var more = page.Next is not null && inSpan.Count == rows.Count && rows.Count > 0;
        var events = inSpan.OrderBy(r => r.At).Select(r => HistoryEvents.FromMessage(import.PageId, r.Row, r.At!.Value)).OfType<PlatformEvent>().ToList();
        var names = inSpan.Where(r => r.Row.From is { Id: not null, Name: not null } && r.Row.From.Id != import.PageId)
            .Select(r => (Psid: r.Row.From!.Id!, Name: r.Row.From.Name!)).Distinct().ToList();
        await imports.ItemReadAsync(import.PageId, item, more ? page.Next : null, async (connection, transaction) =>
        {
            var changes = await applier.ApplyAsync(connection, transaction, events, scope, cancellationToken);
            foreach (var (psid, name) in names)
            {
                await ContactStore.NameIfUnknownAsync(connection, transaction, import.PageId, psid, name, cancellationToken);
            }
            foreach (var psid in events.Select(e => e.Psid).Distinct())
            {
                await SettleImportedAsync(connection, transaction, import.PageId, psid, time.GetUtcNow() - s_humanAgentWindow, cancellationToken);
            }
            return new Brought(changes.Count(c => c.Kind == Live.InboxChangeKind.MessageAdded), 0, changes);
        }, cancellationToken);
        return (null, page.Usage);
    }

    private async Task<(GraphError?, GraphUsage)> ReadCommentsAsync(HistoryImport import, Item item, string token, EventApplier.Scope scope, CancellationToken cancellationToken)
    {
        var (page, error) = await graph.ReadHistoryAsync<GraphClient.HistoryComment>(item.Path, token, cancellationToken);
        if (error is not null)
        {
            return (error, page.Usage);
        }
        var rows = page.Rows.Select(c => (Row: c, At: GraphClient.ParseTime(c.CreatedTime))).Where(r => r.Row.Id is not null && r.At is not null).ToList();
        var inSpan = rows.TakeWhile(r => r.At >= import.SinceAt).ToList();
        var more = page.Next is not null && inSpan.Count == rows.Count && rows.Count > 0;
        var events = inSpan.OrderBy(r => r.At).Select(r => HistoryEvents.FromComment(import.PageId, item.ExternalId, r.Row, r.At!.Value)).ToList();
        await imports.ItemReadAsync(import.PageId, item, more ? page.Next : null, async (connection, transaction) =>
        {
            var known = await Comments.CommentStore.CountKnownAsync(connection, transaction, database.Dialect, [.. events.Select(e => e.CommentId)], cancellationToken);
            var changes = await applier.ApplyAsync(connection, transaction, events, scope, cancellationToken);
            return new Brought(0, events.Count - known, changes);
        }, cancellationToken);
        return (null, page.Usage);
    }

    // After each call: the next one is timed from what Meta said of its limits; a refused token or a missing
    // permission stops the import with the reason, until the Page is connected again.
    private async Task PaceAsync(HistoryImport import, GraphError? error, GraphUsage usage, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var now = time.GetUtcNow();
        if (error is { IsTokenInvalid: true })
        {
            var kind = TokenProblem.KindOf(error);
            await pages.MarkDisconnectedAsync(import.PageId, kind, error.Message, cancellationToken);
            await imports.StopAsync(import.PageId, kind, error.Message, cancellationToken);
            LogStopped(import.PageId, error);
            return;
        }
        if (error is not null && IsPermission(error))
        {
            await imports.StopAsync(import.PageId, HistoryImport.StoppedByPermission, error.Message, cancellationToken);
            LogStopped(import.PageId, error);
            return;
        }
        if (error is { IsRateLimit: true })
        {
            var wait = error.RegainAccessAfter ?? limits.SlowInterval;
            await imports.PaceAsync(import, now + wait, now + wait, cancellationToken);
            return;
        }
        if (error is { IsTransient: true })
        {
            await imports.PaceAsync(import, now + limits.RetryInterval, import.SlowedUntil, cancellationToken);
            return;
        }
        if (error is not null)
        {
            await imports.StopAsync(import.PageId, HistoryImport.StoppedByMeta, error.Message, cancellationToken);
            LogStopped(import.PageId, error);
            return;
        }
        if (usage.Percent >= limits.SlowFromPercent)
        {
            var wait = usage.RegainAccessAfter is { } regain && regain > limits.SlowInterval ? regain : limits.SlowInterval;
            LogSlowed(import.PageId, usage.Percent, wait.TotalSeconds);
            await imports.PaceAsync(import, now + wait, now + wait, cancellationToken);
            return;
        }
        var interval = usage.Percent >= limits.EaseFromPercent ? limits.Interval * 4 : limits.Interval;
        await imports.PaceAsync(import, now + interval, null, cancellationToken);
    }

    // Meta's permission errors: code 10, and 200 to 299.
    private static bool IsPermission(GraphError error) => error.Code is 10 or (>= 200 and <= 299);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The history import of Page {PageId} stopped: {Error}")]
    private partial void LogStopped(string pageId, GraphError error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The history import of Page {PageId} slows down: Meta's usage is at {Percent}%, next call in {Seconds} s")]
    private partial void LogSlowed(string pageId, int percent, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "History import: {ItemId} of Page {PageId} cannot be read and is skipped: {Error}")]
    private partial void LogItemSkipped(string itemId, string pageId, GraphError error);
}
