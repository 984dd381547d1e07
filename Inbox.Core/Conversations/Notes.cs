using System.Text.RegularExpressions;
using Dapper;
using Inbox.Core.Live;
using Inbox.Core.Storage;

namespace Inbox.Core.Conversations;

/// <summary>
/// Internal notes and their @mentions. A mention is "@" followed by a teammate's display name or its first word
/// ("@Sam" or "@Sam Taylor"), case ignored; the mentioned person is told until they open the conversation.
/// </summary>
public sealed partial class NoteStore(Database database, LiveFeed feed, TimeProvider time)
{
    public const int MaxLength = 5000;

    public async Task<long> AddAsync(long conversationId, long authorUserId, string text, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            throw new UserInputException(CoreText.Get<NoteStore>("NoteEmpty"));
        }
        if (text.Length > MaxLength)
        {
            throw new UserInputException(CoreText.Get<NoteStore>("NoteTooLong", MaxLength));
        }
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var users = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, display_name FROM users WHERE disabled_at IS NULL", cancellationToken: cancellationToken))).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var noteId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            INSERT INTO notes (conversation_id, author_user_id, text, created_at) SELECT id, @Author, @Text, @Now FROM conversations WHERE id = @ConversationId
            RETURNING id
            """, new { ConversationId = conversationId, Author = authorUserId, Text = text, Now = now }, transaction, cancellationToken: cancellationToken))
            ?? throw new UserInputException(CoreText.Get<NoteStore>("ConversationGone"));
        foreach (var userId in Mentioned(text, users).Where(id => id != authorUserId))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO mentions (note_id, user_id, conversation_id) VALUES (@NoteId, @UserId, @ConversationId)",
                new { NoteId = noteId, UserId = userId, ConversationId = conversationId }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new InboxChange(conversationId, InboxChangeKind.NoteAdded, noteId));
        return noteId;
    }

    public async Task<IReadOnlyList<Note>> ListAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Note>(new CommandDefinition("""
            SELECT n.id, n.conversation_id, n.author_user_id, u.display_name AS author_name, n.text, n.created_at
            FROM notes n JOIN users u ON u.id = n.author_user_id WHERE n.conversation_id = @Id ORDER BY n.created_at, n.id
            """, new { Id = conversationId }, cancellationToken: cancellationToken))];
    }

    /// <summary>Who a note mentions, for telling them.</summary>
    public async Task<IReadOnlyList<long>> MentionedInAsync(long noteId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT user_id FROM mentions WHERE note_id = @Id", new { Id = noteId }, cancellationToken: cancellationToken))];
    }

    /// <summary>The user opened the conversation: its mentions of them are seen.</summary>
    public async Task<bool> MarkSeenAsync(long conversationId, long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mentions SET seen_at = @Now WHERE conversation_id = @ConversationId AND user_id = @UserId AND seen_at IS NULL",
            new { ConversationId = conversationId, UserId = userId, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Who a note mentions: the longest display name (or first name) after each "@".</summary>
    public static IReadOnlyList<long> Mentioned(string text, IReadOnlyList<(long Id, string Name)> users) =>
        [.. MentionSpans(text, users).Select(span => span.UserId).Distinct()];

    /// <summary>Where each mention sits in the text ("@" included), for showing it marked.</summary>
    public static IReadOnlyList<MentionSpan> MentionSpans(string text, IReadOnlyList<(long Id, string Name)> users)
    {
        var spans = new List<MentionSpan>();
        foreach (Match at in MentionStart().Matches(text))
        {
            var rest = text[(at.Index + 1)..];
            var match = users
                .SelectMany(u => new[] { (u.Id, Name: u.Name), (u.Id, Name: u.Name.Split(' ')[0]) })
                .Where(u => rest.StartsWith(u.Name, StringComparison.OrdinalIgnoreCase) && (rest.Length == u.Name.Length || !char.IsLetterOrDigit(rest[u.Name.Length])))
                .OrderByDescending(u => u.Name.Length)
                .FirstOrDefault();
            if (match.Name is not null)
            {
                spans.Add(new MentionSpan(at.Index, match.Name.Length + 1, match.Id));
            }
        }
        return spans;
    }

    // An "@" at the start or after a space: "ana@shop.example" is an address, not a mention.
    [GeneratedRegex(@"(?<=^|\s)@", RegexOptions.CultureInvariant)]
    private static partial Regex MentionStart();
}

/// <summary>An internal note in a conversation: for the team only.</summary>
public sealed record Note
{
    public long Id { get; init; }
    public long ConversationId { get; init; }
    public long AuthorUserId { get; init; }
    public string? AuthorName { get; init; }
    public string Text { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A mention in a note: its place in the text ("@" included) and who it names.</summary>
public sealed record MentionSpan(int Start, int Length, long UserId);
