using System.Data.Common;
using Dapper;
using Inbox.Core.SavedReplies;

namespace Inbox.Core.Automation;

public static class AutomationKinds
{
    public const string InstantReply = "instant_reply";
    public const string AwayMessage = "away_message";
    public const string Faq = "faq";
}

/// <summary>
/// Decides, in the transaction that stores a customer's message, whether a machine answers: the away message when
/// the Page is away (once per conversation per away period), otherwise the instant reply to a new conversation's
/// first message. The reply is written to the outbox in that same transaction, so it is sent exactly once even if
/// the app stops right after.
/// </summary>
public sealed class AutomationRules(AutomationStore settings, SavedReplyStore savedReplies, TimeProvider time)
{
    /// <summary>How long an agent's reply keeps the bot quiet in a conversation.</summary>
    public static readonly TimeSpan AgentHandling = TimeSpan.FromHours(24);

    private sealed record ConversationState(long? HumanRequestedAt, long? OpenFaqAnswer, long AgentRecently, string? ContactName, string PageName);

    /// <summary>What the automation did with a customer's message.</summary>
    public sealed record Outcome(long? AutomatedMessageId, bool HandedOver)
    {
        public static readonly Outcome Nothing = new(null, false);
    }

    public async Task<Outcome> OnCustomerMessageAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, Meta.CustomerMessage message, CancellationToken cancellationToken)
    {
        var automation = await settings.GetAsync(message.PageId, cancellationToken);
        var now = time.GetUtcNow();
        var faqs = await savedReplies.FaqsAsync(cancellationToken);
        var context = new Step(connection, transaction, conversationId, now, cancellationToken);

        // FAQ follow-ups come first: the customer's answer to "That helped / Talk to a person", or a further question.
        ConversationState? state = null;
        if (faqs.Count > 0 || message.QuickReplyPayload is not null)
        {
            state = await StateAsync(context);
            if (await HandleFaqFollowUpAsync(context, state, message) is { } handled)
            {
                return new Outcome(null, handled);
            }
        }

        if (automation.IsAway(now))
        {
            if (automation.AwayMessage is null || !await FirstNoticeOfPeriodAsync(connection, transaction, conversationId, automation.AwayPeriodKey(now), cancellationToken))
            {
                return Outcome.Nothing;
            }
            var text = automation.AwayMessage.Replace("{back_at}", automation.BackAt(now), StringComparison.Ordinal);
            return new Outcome(await EnqueueAsync(connection, transaction, conversationId, text, AutomationKinds.AwayMessage, cancellationToken), false);
        }
        if (state is { HumanRequestedAt: null, AgentRecently: 0 } && message.Text is { } question &&
            FaqMatcher.Best(question, faqs.Select(f => new FaqMatcher.Candidate(f.Id, f.FaqTriggers))) is { } match)
        {
            var faq = faqs.First(f => f.Id == match.ReplyId);
            var values = ReplyTemplate.Values.For(state.ContactName, state.PageName, state.PageName);
            var answerId = await EnqueueAsync(connection, transaction, conversationId, ReplyTemplate.FillForAutomation(faq.Body, values), AutomationKinds.Faq, cancellationToken,
                FaqButtons.In(automation.CustomerCulture));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO faq_answers (conversation_id, saved_reply_id, message_id, answered_at) VALUES (@ConversationId, @ReplyId, @MessageId, @Now);
                UPDATE saved_replies SET usage_count = usage_count + 1, last_used_at = @Now WHERE id = @ReplyId;
                """, new { ConversationId = conversationId, ReplyId = faq.Id, MessageId = answerId, Now = now }, transaction, cancellationToken: cancellationToken));
            return new Outcome(answerId, false);
        }

        return automation.InstantReply is { } greeting && await IsFirstCustomerMessageAsync(connection, transaction, conversationId, cancellationToken)
            ? new Outcome(await EnqueueAsync(connection, transaction, conversationId, greeting, AutomationKinds.InstantReply, cancellationToken), false)
            : Outcome.Nothing;
    }

    private sealed record Step(DbConnection Connection, DbTransaction Transaction, long ConversationId, DateTimeOffset Now, CancellationToken CancellationToken);

    // "That helped" closes the FAQ answer; "Talk to a person", or any other message after it, hands the
    // conversation to the team at once. Null when this message is no follow-up; otherwise whether it was handed over.
    private static async Task<bool?> HandleFaqFollowUpAsync(Step step, ConversationState state, Meta.CustomerMessage message)
    {
        var payload = message.QuickReplyPayload;
        if (state.OpenFaqAnswer is null && !FaqButtons.IsTalkToPerson(payload))
        {
            return null;
        }
        var outcome = FaqButtons.IsHelped(payload) ? "helped" : FaqButtons.IsTalkToPerson(payload) ? "person" : "followup";
        await step.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE faq_answers SET outcome = @Outcome WHERE id = @Answer;
            UPDATE conversations SET human_requested_at = COALESCE(human_requested_at, @Now) WHERE id = @ConversationId AND @Outcome <> 'helped';
            """, new { Outcome = outcome, Answer = state.OpenFaqAnswer, step.Now, step.ConversationId }, step.Transaction, cancellationToken: step.CancellationToken));
        return outcome != "helped" && state.HumanRequestedAt is null;
    }

    private static Task<ConversationState> StateAsync(Step step) =>
        step.Connection.QuerySingleAsync<ConversationState>(new CommandDefinition("""
            SELECT c.human_requested_at,
                   (SELECT a.id FROM faq_answers a WHERE a.conversation_id = c.id AND a.outcome IS NULL ORDER BY a.id DESC LIMIT 1) AS open_faq_answer,
                   (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'out' AND m.author_user_id IS NOT NULL AND m.sent_at >= @Since) AS agent_recently,
                   p.name AS contact_name, pg.name AS page_name
            FROM conversations c JOIN contacts p ON p.id = c.contact_id JOIN pages pg ON pg.id = c.page_id
            WHERE c.id = @ConversationId
            """, new { step.ConversationId, Since = step.Now - AgentHandling }, step.Transaction, cancellationToken: step.CancellationToken));

    private static async Task<bool> IsFirstCustomerMessageAsync(DbConnection connection, DbTransaction transaction, long conversationId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM messages WHERE conversation_id = @ConversationId AND direction = 'in'",
            new { ConversationId = conversationId }, transaction, cancellationToken: cancellationToken)) == 1;

    private static async Task<bool> FirstNoticeOfPeriodAsync(DbConnection connection, DbTransaction transaction, long conversationId, long periodKey, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO away_notices (conversation_id, period_key) VALUES (@ConversationId, @PeriodKey) ON CONFLICT DO NOTHING",
            new { ConversationId = conversationId, PeriodKey = periodKey }, transaction, cancellationToken: cancellationToken)) == 1;

    private async Task<long> EnqueueAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, string text, string kind, CancellationToken cancellationToken, IReadOnlyList<string>? quickReplies = null)
    {
        const string Sql = """
            INSERT INTO messages (conversation_id, client_id, direction, text, quick_replies, sent_at, status, next_attempt_at, automation)
            VALUES (@ConversationId, @ClientId, 'out', @Text, @QuickReplies, @Now, 'pending', @Now, @Kind)
            RETURNING id
            """;
        var now = time.GetUtcNow();
        return await connection.QuerySingleAsync<long>(new CommandDefinition(Sql, new
        {
            ConversationId = conversationId,
            ClientId = "inbox:" + Guid.NewGuid().ToString("N"),
            Text = text.Length <= SavedReplyStore.MaxBodyLength ? text : text[..SavedReplyStore.MaxBodyLength],
            QuickReplies = Storage.JsonList.ToJson(quickReplies),
            Now = now,
            Kind = kind,
        }, transaction, cancellationToken: cancellationToken));
    }
}
