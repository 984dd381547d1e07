using System.Data.Common;
using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Storage;

namespace Inbox.Core.History;

/// <summary>
/// The state of each Page's history import. Every step commits with what it brought (the messages of one page of
/// a conversation, the names found in one page of a list), so a restarted node, or another node, goes on from the
/// next step; and every change is published for the Pages screen.
/// </summary>
public sealed class HistoryImportStore(Database database, LiveFeed feed, HistorySignal signal, TimeProvider time)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 90;

    private const string Columns = """
        page_id, state, phase, since_at, days, counts_from, include_in_report, next_url, next_attempt_at, slowed_until, items_total, items_done,
        messages_imported, comments_imported, stopped_kind, stopped_reason, started_at, finished_at
        """;

    // Once the lists are read and no item is left to read.
    private const string Finish = $"""
        UPDATE history_imports SET state = '{HistoryImport.Done}', finished_at = @Now, slowed_until = NULL
        WHERE page_id = @PageId AND state = '{HistoryImport.Running}' AND phase = '{HistoryImport.ReadingItems}'
          AND NOT EXISTS (SELECT 1 FROM history_import_items WHERE page_id = @PageId AND next_url IS NOT NULL)
        """;

    /// <summary>A conversation's messages or a post's comments, to be read from <see cref="Path"/> on.</summary>
    public sealed record Item(string Kind, string ExternalId, string Path)
    {
        public const string Conversation = "conversation";
        public const string Post = "post";
    }

    /// <summary>A post found in the feed, written with its text so nothing has to ask Meta for it again.</summary>
    public sealed record ListedPost(string Id, string? Message, string? PermalinkUrl, DateTimeOffset CreatedAt);

    /// <summary>
    /// Starts importing the last <paramref name="days"/> days of the Page's history, or starts again over a new span.
    /// The connection date stays the first one: what was live since then keeps counting. The counts add up over the
    /// runs: what is already here is not brought twice, nor counted twice.
    /// </summary>
    public async Task StartAsync(string pageId, int days, CancellationToken cancellationToken)
    {
        const string Upsert = $"""
            INSERT INTO history_imports (page_id, state, phase, since_at, days, counts_from, next_attempt_at, started_at)
            VALUES (@PageId, '{HistoryImport.Running}', '{HistoryImport.ListingConversations}', @Since, @Days, @Now, @Now, @Now)
            ON CONFLICT (page_id) DO UPDATE SET state = excluded.state, phase = excluded.phase, since_at = excluded.since_at, days = excluded.days,
                next_url = NULL, next_attempt_at = excluded.next_attempt_at, slowed_until = NULL, items_total = 0, items_done = 0,
                stopped_kind = NULL, stopped_reason = NULL, started_at = excluded.started_at, finished_at = NULL
            """;
        if (days is < 1 or > MaxDays)
        {
            throw new UserInputException(CoreText.Get<HistoryImportStore>("DaysRange", MaxDays));
        }
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM history_import_items WHERE page_id = @PageId", new { PageId = pageId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Upsert, new { PageId = pageId, Since = now.AddDays(-days), Days = days, Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        Announce();
        signal.Pulse();
    }

    /// <summary>The Page was connected again after its token was refused: a stopped import goes on where it stopped.</summary>
    public async Task<bool> ResumeAsync(string pageId, CancellationToken cancellationToken)
    {
        var resumed = await ExecuteAsync($"""
            UPDATE history_imports SET state = '{HistoryImport.Running}', stopped_kind = NULL, stopped_reason = NULL, next_attempt_at = @Now
            WHERE page_id = @PageId AND state = '{HistoryImport.Stopped}'
            """, new { PageId = pageId, Now = time.GetUtcNow() }, cancellationToken) == 1;
        if (resumed)
        {
            Announce();
            signal.Pulse();
        }
        return resumed;
    }

    public async Task<HistoryImport?> GetAsync(string pageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<HistoryImport>(new CommandDefinition(
            $"SELECT {Columns} FROM history_imports WHERE page_id = @PageId", new { PageId = pageId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<HistoryImport>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<HistoryImport>(new CommandDefinition($"SELECT {Columns} FROM history_imports", cancellationToken: cancellationToken))];
    }

    /// <summary>The running imports whose next step is due, soonest first; and when the next one after them is due.</summary>
    public async Task<(IReadOnlyList<string> Due, DateTimeOffset? NextAt)> DueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var running = (await connection.QueryAsync<(string PageId, DateTimeOffset NextAttemptAt)>(new CommandDefinition(
            $"SELECT page_id, next_attempt_at FROM history_imports WHERE state = '{HistoryImport.Running}' ORDER BY next_attempt_at",
            cancellationToken: cancellationToken))).ToList();
        return ([.. running.Where(r => r.NextAttemptAt <= now).Select(r => r.PageId)], running.Where(r => r.NextAttemptAt > now).Select(r => (DateTimeOffset?)r.NextAttemptAt).FirstOrDefault());
    }

    /// <summary>The next conversation or post to read, in the order the lists gave them; null when none is left.</summary>
    public async Task<Item?> NextItemAsync(string pageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<Item>(new CommandDefinition(
            "SELECT kind, external_id, next_url AS path FROM history_import_items WHERE page_id = @PageId AND next_url IS NOT NULL ORDER BY position LIMIT 1",
            new { PageId = pageId }, cancellationToken: cancellationToken));
    }

    /// <summary>One page of a list was read: what it named is to be read, and the list goes on at <paramref name="nextPath"/> (or the next phase).</summary>
    public async Task ListedAsync(
        string pageId, IReadOnlyList<Item> items, IReadOnlyList<ListedPost> posts, string? nextPath, string phase, CancellationToken cancellationToken)
    {
        const string AddItem = """
            INSERT INTO history_import_items (page_id, kind, external_id, next_url, position)
            VALUES (@PageId, @Kind, @ExternalId, @Path, (SELECT COALESCE(MAX(position), 0) + 1 FROM history_import_items WHERE page_id = @PageId))
            ON CONFLICT (page_id, kind, external_id) DO NOTHING
            """;
        const string AddPost = """
            INSERT INTO posts (id, page_id, message, permalink_url, fetched_at, created_at) VALUES (@Id, @PageId, @Message, @PermalinkUrl, @Now, @CreatedAt)
            ON CONFLICT (id) DO UPDATE SET message = COALESCE(posts.message, excluded.message), permalink_url = COALESCE(posts.permalink_url, excluded.permalink_url),
                fetched_at = COALESCE(posts.fetched_at, excluded.fetched_at)
            """;
        const string Move = """
            UPDATE history_imports SET next_url = @NextPath, phase = @Phase,
                items_total = (SELECT COUNT(*) FROM history_import_items WHERE page_id = @PageId)
            WHERE page_id = @PageId
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var item in items)
        {
            await connection.ExecuteAsync(new CommandDefinition(AddItem, new { PageId = pageId, item.Kind, item.ExternalId, item.Path }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var post in posts)
        {
            await connection.ExecuteAsync(new CommandDefinition(AddPost, new { post.Id, PageId = pageId, post.Message, post.PermalinkUrl, post.CreatedAt, Now = time.GetUtcNow() },
                transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(Move, new { PageId = pageId, NextPath = nextPath, Phase = phase }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        Announce();
    }

    /// <summary>What one page of a conversation's messages or a post's comments brought, written by the caller in the step's transaction.</summary>
    public sealed record Brought(int Messages, int Comments, IReadOnlyList<InboxChange> Changes);

    /// <summary>
    /// Reads one page of an item: <paramref name="apply"/> writes what it brought in the same transaction as the move
    /// to <paramref name="nextPath"/> (null: the item is done). When no item is left, the import is done.
    /// </summary>
    public async Task ItemReadAsync(
        string pageId, Item item, string? nextPath, Func<DbConnection, DbTransaction, Task<Brought>> apply, CancellationToken cancellationToken)
    {
        const string MoveItem = "UPDATE history_import_items SET next_url = @NextPath WHERE page_id = @PageId AND kind = @Kind AND external_id = @ExternalId";
        const string Count = $"""
            UPDATE history_imports SET
                items_done = (SELECT COUNT(*) FROM history_import_items WHERE page_id = @PageId AND next_url IS NULL),
                messages_imported = messages_imported + @Messages, comments_imported = comments_imported + @Comments
            WHERE page_id = @PageId
            """;
        IReadOnlyList<InboxChange> changes;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var brought = await apply(connection, transaction);
            changes = brought.Changes;
            await connection.ExecuteAsync(new CommandDefinition(MoveItem, new { PageId = pageId, NextPath = nextPath, item.Kind, item.ExternalId }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(Count, new { PageId = pageId, brought.Messages, brought.Comments }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(Finish, new { PageId = pageId, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        // One notice per conversation is enough for the screens: history does not ring as new messages.
        feed.PublishAll([.. changes.Where(c => c.ConversationId != 0).DistinctBy(c => c.ConversationId)
            .Select(c => c with { Kind = InboxChangeKind.ConversationUpdated, MessageId = null }), .. changes.Where(c => c.ConversationId == 0).Distinct()]);
        Announce();
    }

    /// <summary>
    /// A conversation known only from history is done unless the person wrote last and can still be answered (within
    /// Meta's 7-day human agent window): a thread that ended weeks ago is not work waiting for the team.
    /// </summary>
    public static async Task SettleImportedAsync(
        DbConnection connection, DbTransaction transaction, string pageId, string psid, DateTimeOffset answerableSince, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET status = 'done', snoozed_until = NULL
            WHERE contact_id IN (SELECT id FROM contacts WHERE page_id = @PageId AND psid = @Psid)
              AND status = 'open' AND assignee_user_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id AND m.imported = 0)
              AND (last_message_direction = 'out' OR last_customer_message_at < @AnswerableSince)
            """, new { PageId = pageId, Psid = psid, AnswerableSince = answerableSince }, transaction, cancellationToken: cancellationToken));

    /// <summary>The lists are read and nothing was named in them: the import is done.</summary>
    public async Task FinishIfEmptyAsync(string pageId, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(Finish, new { PageId = pageId, Now = time.GetUtcNow() }, cancellationToken) == 1)
        {
            Announce();
        }
    }

    /// <summary>
    /// When the next step of <paramref name="import"/> (as its step read it) may call Meta, and until when Meta asked for
    /// calls to be spaced out; the screens hear of it only when the slow-down starts or ends.
    /// </summary>
    public async Task PaceAsync(HistoryImport import, DateTimeOffset nextAttemptAt, DateTimeOffset? slowedUntil, CancellationToken cancellationToken)
    {
        await ExecuteAsync("UPDATE history_imports SET next_attempt_at = @Next, slowed_until = @SlowedUntil WHERE page_id = @PageId",
            new { import.PageId, Next = nextAttemptAt, SlowedUntil = slowedUntil }, cancellationToken);
        if (import.SlowedUntil is null != slowedUntil is null)
        {
            Announce();
        }
    }

    /// <summary>The import cannot go on (the token was refused, a permission is missing): stopped with the reason, until the Page is connected again.</summary>
    public async Task StopAsync(string pageId, string kind, string reason, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"""
            UPDATE history_imports SET state = '{HistoryImport.Stopped}', stopped_kind = @Kind, stopped_reason = @Reason, slowed_until = NULL
            WHERE page_id = @PageId AND state = '{HistoryImport.Running}'
            """, new { PageId = pageId, Kind = kind, Reason = reason }, cancellationToken);
        Announce();
    }

    /// <summary>
    /// Whether imported messages from before the connection count in the responsiveness figures; their facts are
    /// added or removed at once, in the same transaction.
    /// </summary>
    public async Task SetIncludeInReportAsync(string pageId, bool include, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var countsFrom = await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
                "UPDATE history_imports SET include_in_report = @Include WHERE page_id = @PageId RETURNING counts_from",
                new { PageId = pageId, Include = include ? 1 : 0 }, transaction, cancellationToken: cancellationToken));
            if (countsFrom is { } from)
            {
                await Responsiveness.ImportedFacts.RecountAsync(connection, transaction, pageId, from, include, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        Announce();
    }

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private void Announce() => feed.Publish(new InboxChange(0, InboxChangeKind.HistoryImportChanged));
}
