using System.Data.Common;
using Dapper;

namespace Inbox.Core.Responsiveness;

/// <summary>
/// The facts of a Page's imported history from before its connection: left out of the figures by default, added when
/// an admin asks for them (computed from the imported timestamps, as <see cref="ResponseFactsRebuild"/> does), removed
/// again when the admin changes their mind. Facts from the connection on are never touched.
/// </summary>
public static class ImportedFacts
{
    private const string Remove = """
        DELETE FROM response_facts
        WHERE page_id = @PageId AND received_at < @From AND message_id IN (SELECT id FROM messages WHERE imported = 1)
        """;

    private static readonly string Add = ResponseFactsRebuild.NewFacts("c.page_id = @PageId", "imported = 1 AND sent_at < @From");

    private static readonly string Answer = ResponseFactsRebuild.RespondedTo("page_id = @PageId AND received_at < @From AND response_message_id IS NULL");

    public static async Task RecountAsync(DbConnection connection, DbTransaction transaction, string pageId, DateTimeOffset countsFrom, bool include, CancellationToken cancellationToken)
    {
        var parameters = new { PageId = pageId, From = countsFrom.ToUnixTimeMilliseconds() };
        await connection.ExecuteAsync(new CommandDefinition(Remove, parameters, transaction, cancellationToken: cancellationToken));
        if (include)
        {
            await connection.ExecuteAsync(new CommandDefinition(Add, parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(Answer, parameters, transaction, cancellationToken: cancellationToken));
        }
    }
}
