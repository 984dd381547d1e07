using System.Globalization;
using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Storage;

namespace Inbox.Core.Conversations;

/// <summary>
/// Statuses and assignment. Each change is a line in the conversation's history saying who made it, and is published
/// live so every agent's list moves at once. A customer message reopens a conversation (see the ingest worker).
/// </summary>
public sealed class ConversationWorkflow(Database database, LiveFeed feed, TimeProvider time)
{
    public async Task SetStatusAsync(long conversationId, ConversationStatus status, DateTimeOffset? snoozedUntil, long? userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (status == ConversationStatus.Snoozed && (snoozedUntil is null || snoozedUntil <= now))
        {
            throw new UserInputException(CoreText.Get<ConversationWorkflow>("SnoozeInFuture"));
        }
        var until = status == ConversationStatus.Snoozed ? snoozedUntil : null;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET status = @Status, snoozed_until = @Until WHERE id = @Id AND (status <> @Status OR snoozed_until IS DISTINCT FROM @Until)",
            new { Id = conversationId, Status = Name(status), Until = until }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return;
        }
        var detail = until is { } at ? $"{Name(status)} {at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}" : Name(status);
        await RecordAsync(connection, transaction, conversationId, ConversationEventKinds.StatusChanged, detail, userId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new InboxChange(conversationId, InboxChangeKind.ConversationUpdated));
    }

    /// <summary>Assigns to an active user, or unassigns with null.</summary>
    public async Task AssignAsync(long conversationId, long? assigneeUserId, long? byUserId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        string? assigneeName = null;
        if (assigneeUserId is { } id)
        {
            assigneeName = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT display_name FROM users WHERE id = @Id AND disabled_at IS NULL", new { Id = id }, cancellationToken: cancellationToken))
                ?? throw new UserInputException(CoreText.Get<ConversationWorkflow>("NoSuchAssignee"));
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET assignee_user_id = @Assignee WHERE id = @Id AND assignee_user_id IS DISTINCT FROM @Assignee",
            new { Id = conversationId, Assignee = assigneeUserId }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return;
        }
        await RecordAsync(connection, transaction, conversationId, ConversationEventKinds.Assigned, assigneeName ?? "", byUserId, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new InboxChange(conversationId, InboxChangeKind.ConversationUpdated));
    }

    /// <summary>Hands the conversation to a team (or to none with null); its person, if any, stays.</summary>
    public async Task AssignTeamAsync(long conversationId, long? teamId, long? byUserId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        string? teamName = null;
        if (teamId is { } id)
        {
            teamName = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT name FROM teams WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken))
                ?? throw new UserInputException(CoreText.Get<ConversationWorkflow>("NoSuchTeam"));
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET team_id = @Team WHERE id = @Id AND team_id IS DISTINCT FROM @Team",
            new { Id = conversationId, Team = teamId }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return;
        }
        await RecordAsync(connection, transaction, conversationId, ConversationEventKinds.AssignedTeam, teamName ?? "", byUserId, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new InboxChange(conversationId, InboxChangeKind.ConversationUpdated));
    }

    /// <summary>Snoozes that have run out are open again; returns how many.</summary>
    public async Task<int> WakeSnoozedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        // Checked with a read first: most of the time nothing is due, and a write transaction every few seconds would
        // make webhook commits wait for nothing.
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT 1 FROM conversations WHERE status = 'snoozed' AND snoozed_until <= @Now LIMIT 1", new { Now = now }, cancellationToken: cancellationToken)) is null)
        {
            return 0;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var woken = (await connection.QueryAsync<long>(new CommandDefinition(
            "UPDATE conversations SET status = 'open', snoozed_until = NULL WHERE status = 'snoozed' AND snoozed_until <= @Now RETURNING id",
            new { Now = now }, transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var id in woken)
        {
            await RecordAsync(connection, transaction, id, ConversationEventKinds.StatusChanged, "open", null, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        feed.PublishAll([.. woken.Select(id => new InboxChange(id, InboxChangeKind.ConversationUpdated))]);
        return woken.Count;
    }

    public static string Name(ConversationStatus status) => status.ToString().ToLowerInvariant();

    private static Task<int> RecordAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long conversationId, string kind, string detail, long? userId,
        DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO conversation_events (conversation_id, kind, detail, occurred_at, user_id) VALUES (@ConversationId, @Kind, @Detail, @At, @UserId)
            ON CONFLICT (conversation_id, kind, occurred_at) DO UPDATE SET detail = excluded.detail, user_id = excluded.user_id
            """, new { ConversationId = conversationId, Kind = kind, Detail = detail, At = at, UserId = userId }, transaction, cancellationToken: cancellationToken));
}
