using System.Data.Common;
using Dapper;
using Inbox.Core.SavedReplies;

namespace Inbox.Core.Automation;

public static class AutomationKinds
{
    public const string InstantReply = "instant_reply";
    public const string AwayMessage = "away_message";
}

/// <summary>
/// Decides, in the transaction that stores a customer's message, whether a machine answers: the away message when
/// the Page is away (once per conversation per away period), otherwise the instant reply to a new conversation's
/// first message. The reply is written to the outbox in that same transaction, so it is sent exactly once even if
/// the app stops right after.
/// </summary>
public sealed class AutomationRules(AutomationStore settings, TimeProvider time)
{
    public async Task<long?> OnCustomerMessageAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, string pageId, CancellationToken cancellationToken)
    {
        var automation = await settings.GetAsync(pageId, cancellationToken);
        var now = time.GetUtcNow();
        if (automation.IsAway(now))
        {
            if (automation.AwayMessage is null || !await FirstNoticeOfPeriodAsync(connection, transaction, conversationId, automation.AwayPeriodKey(now), cancellationToken))
            {
                return null;
            }
            var text = automation.AwayMessage.Replace("{back_at}", automation.BackAt(now), StringComparison.Ordinal);
            return await EnqueueAsync(connection, transaction, conversationId, text, AutomationKinds.AwayMessage, cancellationToken);
        }
        return automation.InstantReply is { } greeting && await IsFirstCustomerMessageAsync(connection, transaction, conversationId, cancellationToken)
            ? await EnqueueAsync(connection, transaction, conversationId, greeting, AutomationKinds.InstantReply, cancellationToken)
            : null;
    }

    private static async Task<bool> IsFirstCustomerMessageAsync(DbConnection connection, DbTransaction transaction, long conversationId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM messages WHERE conversation_id = @ConversationId AND direction = 'in'",
            new { ConversationId = conversationId }, transaction, cancellationToken: cancellationToken)) == 1;

    private static async Task<bool> FirstNoticeOfPeriodAsync(DbConnection connection, DbTransaction transaction, long conversationId, long periodKey, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO away_notices (conversation_id, period_key) VALUES (@ConversationId, @PeriodKey) ON CONFLICT DO NOTHING",
            new { ConversationId = conversationId, PeriodKey = periodKey }, transaction, cancellationToken: cancellationToken)) == 1;

    private async Task<long> EnqueueAsync(DbConnection connection, DbTransaction transaction, long conversationId, string text, string kind, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO messages (conversation_id, client_id, direction, text, sent_at, status, next_attempt_at, automation)
            VALUES (@ConversationId, @ClientId, 'out', @Text, @Now, 'pending', @Now, @Kind)
            RETURNING id
            """;
        var now = time.GetUtcNow();
        return await connection.QuerySingleAsync<long>(new CommandDefinition(Sql, new
        {
            ConversationId = conversationId,
            ClientId = "inbox:" + Guid.NewGuid().ToString("N"),
            Text = text.Length <= SavedReplyStore.MaxBodyLength ? text : text[..SavedReplyStore.MaxBodyLength],
            Now = now,
            Kind = kind,
        }, transaction, cancellationToken: cancellationToken));
    }
}
