using System.Data.Common;
using Dapper;

namespace Inbox.Core.Conversations;

/// <summary>
/// Keeps a conversation's summary (last message, who spoke last, since when the customer waits) in step with its
/// messages. Only a message at least as new as the current last one changes the summary, so late arrivals
/// land in the history without rewriting the list.
/// </summary>
public static class ConversationActivity
{
    private const string Outbound = """
        UPDATE conversations SET
            last_message_preview = CASE WHEN @At >= last_message_at THEN @Preview ELSE last_message_preview END,
            last_message_direction = CASE WHEN @At >= last_message_at THEN 'out' ELSE last_message_direction END,
            waiting_since = CASE WHEN @At >= last_message_at AND @Answers THEN NULL ELSE waiting_since END,
            unread_count = CASE WHEN @At >= last_message_at AND @Answers THEN 0 ELSE unread_count END,
            human_requested_at = CASE WHEN @ByPerson THEN NULL ELSE human_requested_at END,
            last_message_at = CASE WHEN @At >= last_message_at THEN @At ELSE last_message_at END
        WHERE id = @ConversationId
        """;

    /// <summary>
    /// The Page wrote. A person's reply (or the FAQ bot's, as Facebook counts bot replies) answers the customer; an
    /// instant reply or away message does not: the conversation keeps waiting for a person. A person's reply also
    /// fulfils a customer's request for one, so the "wants a person" mark goes.
    /// </summary>
    public static Task RecordOutboundAsync(
        DbConnection connection, DbTransaction? transaction, long conversationId, DateTimeOffset at, string preview, CancellationToken cancellationToken,
        string? automation = null) =>
        connection.ExecuteAsync(new CommandDefinition(Outbound, new
        {
            ConversationId = conversationId,
            At = at,
            Preview = preview,
            Answers = automation is null or "faq",
            ByPerson = automation is null,
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Everything a Page message that is now sent changes, whichever way we learnt of it (Meta's answer to our send,
    /// our echo, or an echo of a message sent elsewhere): the summary, the response facts, and delivery or read
    /// receipts that arrived before it.
    /// </summary>
    public static async Task RecordPageMessageAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, long messageId, DateTimeOffset at, string preview,
        long? authorUserId, string? automation, string? sourceAppId, CancellationToken cancellationToken)
    {
        await RecordOutboundAsync(connection, transaction, conversationId, at, preview, cancellationToken, automation);
        await Responsiveness.ResponseFacts.OnPageMessageAsync(connection, transaction, conversationId, messageId, at, authorUserId, automation, sourceAppId, cancellationToken);
        await Ingestion.MessageEventApplier.ApplyKnownWatermarksAsync(connection, transaction, messageId, cancellationToken);
    }
}
