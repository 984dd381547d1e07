using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Responsiveness;

/// <summary>
/// Computes every first-response fact from the messages in two set-based statements: for the messages a database
/// held before facts existed (migration 10), and for benchmarks. The clock starts when each message arrived: the
/// away periods of the past are not known. Applying messages one by one gives the same facts (a test holds it).
/// </summary>
public static class ResponseFactsRebuild
{
    /// <summary>The migration that created the facts table: when it has just been applied, earlier messages need facts.</summary>
    public const int MigrationVersion = 10;

    private static readonly string NewMessages = $"""
        DELETE FROM response_facts;
        {NewFacts("1 = 1", ImportedCounts)};
        """;

    // Imported history from before a Page's connection counts only when an admin asked for it (see ImportedFacts).
    private const string ImportedCounts = """
        NOT (imported = 1 AND EXISTS (
            SELECT 1 FROM history_imports h WHERE h.page_id = counted.page_id AND h.include_in_report = 0 AND counted.sent_at < h.counts_from))
        """;

    private static readonly string Responses = RespondedTo("1 = 1");

    /// <summary>
    /// Inserts a fact for every new customer message that <paramref name="whichMessages"/> keeps (aliases: counted),
    /// among the conversations <paramref name="whichConversations"/> keeps (aliases m and c).
    /// </summary>
    internal static string NewFacts(string whichConversations, string whichMessages) => $"""
        INSERT INTO response_facts (message_id, conversation_id, page_id, received_at, clock_start_at, spam)
        SELECT id, conversation_id, page_id, sent_at, sent_at, spam FROM (
            SELECT m.id, m.conversation_id, c.page_id, m.sent_at, m.direction, m.imported,
                   CASE WHEN c.spam_at IS NULL THEN 0 ELSE 1 END AS spam,
                   LAG(m.sent_at) OVER (PARTITION BY m.conversation_id ORDER BY m.sent_at, m.id) AS previous_at
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.status IN ('received', 'sent') AND (m.automation IS NULL OR m.automation = 'faq') AND {whichConversations}
        ) counted
        WHERE direction = 'in' AND (previous_at IS NULL OR sent_at - previous_at >= {ResponseFacts.SilenceMilliseconds}) AND {whichMessages}
        ON CONFLICT (message_id) DO NOTHING
        """;

    /// <summary>Sets the first Page message after each fact that <paramref name="whichFacts"/> keeps.</summary>
    internal static string RespondedTo(string whichFacts) => $"""
        UPDATE response_facts SET (response_message_id, responded_at, responder_user_id, responder_kind) = (
            SELECT m.id, m.sent_at, m.author_user_id,
                   CASE WHEN m.author_user_id IS NOT NULL THEN 'agent' WHEN m.automation = 'faq' THEN 'bot'
                        WHEN m.source_app_id = '{Conversations.ThreadOwner.PageInboxAppId}' THEN 'page_inbox'
                        WHEN m.source_app_id IS NOT NULL THEN 'other_app' ELSE 'agent' END
            FROM messages m
            WHERE m.conversation_id = response_facts.conversation_id AND m.direction = 'out' AND m.status = 'sent'
              AND (m.automation IS NULL OR m.automation = 'faq') AND m.sent_at > response_facts.received_at
            ORDER BY m.sent_at, m.id LIMIT 1)
        WHERE {whichFacts}
        """;

    public static async Task RunAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(NewMessages, transaction: transaction, cancellationToken: cancellationToken, commandTimeout: 600));
        await connection.ExecuteAsync(new CommandDefinition(Responses, transaction: transaction, cancellationToken: cancellationToken, commandTimeout: 600));
        await transaction.CommitAsync(cancellationToken);
    }
}
