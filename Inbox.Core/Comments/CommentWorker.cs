using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Inbox.Core.Storage;
using Inbox.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Comments;

/// <summary>
/// Off the ingest path: fetches the text and link of posts that got comments, and hides the comments a moderation
/// rule caught. A comment is hidden once by a rule: a person's unhide stands, and a failure is recorded, not retried
/// forever.
/// </summary>
public sealed partial class CommentWorker(
    Database database, PageStore pages, GraphClient graph, CommentActions actions, LiveFeed feed, CommentSignal signal, Nodes.WorkLeases leases,
    TimeProvider time, ILogger<CommentWorker> logger) : WorkerLoop(time, logger)
{
    // Longer than a Graph call with its retries: held by a node that died, it runs out and another node does the work.
    private static readonly TimeSpan s_lease = TimeSpan.FromMinutes(2);

    // Posts Meta could not answer for are asked again on the next pulse, or after this long.
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMinutes(5);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await FetchPostsAsync(stoppingToken);
        await HideCaughtCommentsAsync(stoppingToken);
        return false;
    }

    protected override Task<bool> WaitForWorkAsync(CancellationToken stoppingToken) => PulseOrTimeoutAsync(signal, s_retryInterval, stoppingToken);

    private async Task FetchPostsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var posts = await connection.QueryAsync<(string Id, string PageId)>(new CommandDefinition(
            "SELECT id, page_id FROM posts WHERE fetched_at IS NULL LIMIT 20", cancellationToken: cancellationToken));
        var fetched = 0;
        foreach (var (id, pageId) in posts)
        {
            if (!await leases.TryTakeAsync("post", id, s_lease, cancellationToken) || await pages.AccessTokenAsync(pageId, cancellationToken) is not { } token)
            {
                continue;
            }
            var (post, error) = await graph.GetPostAsync(pageId, id, token, cancellationToken);
            if (error is { IsTransient: true })
            {
                continue;
            }
            // A post Meta will not show (deleted, no permission) keeps its id and link; it is not asked for again.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE posts SET message = @Message, permalink_url = COALESCE(@Permalink, permalink_url), fetched_at = @Now WHERE id = @Id",
                new { Id = id, post?.Message, Permalink = post?.PermalinkUrl, Now = Time.GetUtcNow() }, cancellationToken: cancellationToken));
            fetched++;
        }
        if (fetched > 0)
        {
            feed.Publish(new InboxChange(0, InboxChangeKind.CommentChanged));
        }
    }

    private async Task HideCaughtCommentsAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT c.id, c.moderation FROM comments c
            WHERE c.moderation IS NOT NULL AND c.hidden = 0 AND c.deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM comment_actions a WHERE a.comment_id = c.id AND a.action IN ('auto_hide', 'auto_hide_failed', 'unhide'))
            LIMIT 50
            """;
        List<(string Id, string Reason)> caught;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            caught = [.. await connection.QueryAsync<(string, string)>(new CommandDefinition(Sql, cancellationToken: cancellationToken))];
        }
        foreach (var (id, reason) in caught)
        {
            if (!await leases.TryTakeAsync("hide", id, s_lease, cancellationToken))
            {
                continue;
            }
            try
            {
                await actions.AutoHideAsync(id, reason, cancellationToken);
            }
            catch (UserInputException exception)
            {
                LogHideRefused(id, exception.Message);
                await using var connection = await database.OpenAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO comment_actions (comment_id, action, detail, at) VALUES (@Id, 'auto_hide_failed', @Detail, @Now)",
                    new { Id = id, Detail = exception.Message, Now = Time.GetUtcNow() }, cancellationToken: cancellationToken));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A moderation rule could not hide comment {CommentId}: {Reason}")]
    private partial void LogHideRefused(string commentId, string reason);
}
