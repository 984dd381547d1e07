using System.Collections.Concurrent;
using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Storage;

namespace Inbox.Core.Conversations;

/// <summary>
/// Round-robin assignment of new (or reopened) unassigned conversations among the people online now, each up to
/// their capacity: the one with the fewest open conversations gets it, ties going to whoever waited longest for one.
/// Off unless an admin turns it on.
/// </summary>
public sealed class AutoAssigner(Database database, AppSettingStore settings, PresenceTracker presence, ConversationWorkflow workflow, TimeProvider time)
    : IDisposable
{
    private const string EnabledKey = "auto_assign";
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastGiven = new();
    private readonly SemaphoreSlim _one = new(1, 1);

    // Read once: every message a customer writes asks, and the switch rarely moves.
    private bool? _enabled;

    public async Task<bool> IsEnabledAsync(CancellationToken cancellationToken) =>
        _enabled ??= await settings.GetAsync(EnabledKey, cancellationToken) == "on";

    public async Task SetEnabledAsync(bool enabled, CancellationToken cancellationToken)
    {
        await settings.SetAsync(EnabledKey, enabled ? "on" : "off", cancellationToken);
        _enabled = enabled;
    }

    /// <summary>Assigns the conversation if it is open, unassigned and someone online has room; returns who got it.</summary>
    public async Task<long?> AssignAsync(long conversationId, CancellationToken cancellationToken)
    {
        if (!await IsEnabledAsync(cancellationToken))
        {
            return null;
        }
        var online = presence.Online().Select(u => u.UserId).ToList();
        if (online.Count == 0)
        {
            return null;
        }
        // One decision at a time, so two conversations arriving together do not both go to the same free person.
        await _one.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var open = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                // Only a customer's message calls for someone: a teammate's reply to an unassigned conversation does not.
                "SELECT id FROM conversations WHERE id = @Id AND assignee_user_id IS NULL AND status = 'open' AND last_message_direction = 'in'",
                new { Id = conversationId }, cancellationToken: cancellationToken));
            if (open is null)
            {
                return null;
            }
            var candidates = await connection.QueryAsync<(long Id, long Capacity, long Load)>(new CommandDefinition($"""
                SELECT u.id, u.max_open_conversations,
                       (SELECT COUNT(*) FROM conversations c WHERE c.assignee_user_id = u.id AND c.status IN ('open', 'pending'))
                FROM users u WHERE u.id {database.Dialect.IsIn("@Ids")} AND u.disabled_at IS NULL
                """, new { Ids = online }, cancellationToken: cancellationToken));
            var chosen = candidates
                .Where(c => c.Load < c.Capacity)
                .OrderBy(c => c.Load)
                .ThenBy(c => _lastGiven.GetValueOrDefault(c.Id, DateTimeOffset.MinValue))
                .ThenBy(c => c.Id)
                .Select(c => (long?)c.Id)
                .FirstOrDefault();
            if (chosen is { } userId)
            {
                await workflow.AssignAsync(conversationId, userId, null, cancellationToken);
                _lastGiven[userId] = time.GetUtcNow();
            }
            return chosen;
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
