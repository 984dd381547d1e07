using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Search;

public enum SearchHitKind
{
    Message,
    Comment,
    Contact,
}

/// <summary>
/// One result: where it is (a conversation, or a comment) and a snippet whose matches are wrapped in
/// <see cref="SqlDialect.SearchMarkStart"/> / <see cref="SqlDialect.SearchMarkEnd"/> (never markup).
/// </summary>
public sealed record SearchHit(SearchHitKind Kind, string Title, string Snippet, long? ConversationId, string? CommentId);

/// <summary>Searches messages, comments and contacts through the dialect's full-text index: the words as typed first, then newest first.</summary>
public sealed class SearchStore(Database database)
{
    public const int MaxQueryLength = 200;

    private sealed record Row
    {
        public string Kind { get; init; } = "";
        public string RefId { get; init; } = "";
        public long? ConversationId { get; init; }
        public string Snippet { get; init; } = "";
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string typed, int limit, CancellationToken cancellationToken)
    {
        typed = typed.Length > MaxQueryLength ? typed[..MaxQueryLength] : typed;
        var terms = database.Dialect.SearchTerms(typed);
        if (terms.Length == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            database.Dialect.SearchSql, new { Terms = terms, Phrase = database.Dialect.SearchPhrase(typed), Limit = limit }, cancellationToken: cancellationToken))).ToList();

        // Names for the places the hits are in, read in three small batches.
        var contactIds = rows.Where(r => r.Kind == "contact").Select(r => long.Parse(r.RefId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var byContact = (await connection.QueryAsync<(long ContactId, long ConversationId)>(new CommandDefinition(
            $"SELECT contact_id, id FROM conversations WHERE contact_id {database.Dialect.IsIn("@Ids")}", new { Ids = contactIds }, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.ContactId, c => c.ConversationId);
        var conversationIds = rows.Select(r => r.ConversationId).OfType<long>().Concat(byContact.Values).Distinct().ToList();
        var names = (await connection.QueryAsync<(long Id, string? Name, string Psid)>(new CommandDefinition(
            $"SELECT c.id, p.name, p.psid FROM conversations c JOIN contacts p ON p.id = c.contact_id WHERE c.id {database.Dialect.IsIn("@Ids")}", new { Ids = conversationIds }, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.Id, c => Conversations.ContactNames.Display(c.Name, c.Psid));
        var commenters = (await connection.QueryAsync<(string Id, string? Name)>(new CommandDefinition(
            $"SELECT id, from_name FROM comments WHERE id {database.Dialect.IsIn("@Ids")}", new { Ids = rows.Where(r => r.Kind == "comment").Select(r => r.RefId).ToList() }, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.Id, c => c.Name ?? Comments.CommentView.UnknownName);

        var hits = new List<SearchHit>();
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case "message" when row.ConversationId is { } conversationId:
                    hits.Add(new SearchHit(SearchHitKind.Message, names.GetValueOrDefault(conversationId, "Conversation"), row.Snippet, conversationId, null));
                    break;
                case "contact" when byContact.TryGetValue(long.Parse(row.RefId, System.Globalization.CultureInfo.InvariantCulture), out var conversation):
                    hits.Add(new SearchHit(SearchHitKind.Contact, names.GetValueOrDefault(conversation, row.Snippet), row.Snippet, conversation, null));
                    break;
                case "comment":
                    hits.Add(new SearchHit(SearchHitKind.Comment, commenters.GetValueOrDefault(row.RefId, "Comment"), row.Snippet, null, row.RefId));
                    break;
            }
        }
        return hits;
    }
}
