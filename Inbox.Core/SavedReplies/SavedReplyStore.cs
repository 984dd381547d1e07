using System.Text.RegularExpressions;
using Dapper;
using Inbox.Core.Storage;
using Inbox.Core.Users;

namespace Inbox.Core.SavedReplies;

/// <summary>
/// Team replies (managed by Managers and Admins) and personal ones (each agent's own). Every change checks who is
/// asking, so the rules hold for the UI and the API alike.
/// </summary>
public sealed partial class SavedReplyStore(Database database, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];
    public const int MaxBodyLength = 2000;

    private const string Columns = "id, owner_user_id, title, shortcut, language, body, quick_replies AS quick_replies_json, faq_triggers AS faq_triggers_json, archived_at, usage_count, last_used_at, created_at, updated_at";

    /// <summary>The team's replies and the user's own, not archived, by title.</summary>
    public async Task<IReadOnlyList<SavedReply>> ListVisibleToAsync(long userId, CancellationToken cancellationToken)
    {
        const string Sql = $"""
            SELECT {Columns} FROM saved_replies
            WHERE archived_at IS NULL AND (owner_user_id IS NULL OR owner_user_id = @UserId)
            ORDER BY title, language
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<SavedReply>(new CommandDefinition(Sql, new { UserId = userId }, cancellationToken: cancellationToken))];
    }

    public async Task<SavedReply?> GetVisibleAsync(long id, long userId, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM saved_replies WHERE id = @Id AND archived_at IS NULL AND (owner_user_id IS NULL OR owner_user_id = @UserId)";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SavedReply>(new CommandDefinition(Sql, new { Id = id, UserId = userId }, cancellationToken: cancellationToken));
    }

    public async Task<SavedReply> CreateAsync(SavedReplyDraft draft, long userId, UserRole role, CancellationToken cancellationToken)
    {
        const string Sql = $"""
            INSERT INTO saved_replies (owner_user_id, title, shortcut, language, body, quick_replies, faq_triggers, created_at, updated_at)
            VALUES (@Owner, @Title, @Shortcut, @Language, @Body, @QuickReplies, @FaqTriggers, @Now, @Now)
            RETURNING {Columns}
            """;
        draft = Validate(draft);
        EnsureMayManage(draft.Personal, role);
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureShortcutFreeAsync(connection, draft, draft.Personal ? userId : null, exceptId: null, cancellationToken);
        var created = await connection.QuerySingleAsync<SavedReply>(new CommandDefinition(Sql, Parameters(draft, id: null, owner: draft.Personal ? userId : null), cancellationToken: cancellationToken));
        _faqs = null;
        return created;
    }

    public async Task<SavedReply> UpdateAsync(long id, SavedReplyDraft draft, long userId, UserRole role, CancellationToken cancellationToken)
    {
        const string Sql = $"""
            UPDATE saved_replies SET title = @Title, shortcut = @Shortcut, language = @Language, body = @Body, quick_replies = @QuickReplies,
                faq_triggers = @FaqTriggers, updated_at = @Now
            WHERE id = @Id
            RETURNING {Columns}
            """;
        draft = Validate(draft);
        var existing = await EditableAsync(id, userId, role, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureShortcutFreeAsync(connection, draft, existing.OwnerUserId, id, cancellationToken);
        var updated = await connection.QuerySingleAsync<SavedReply>(new CommandDefinition(Sql, Parameters(draft, id, owner: null), cancellationToken: cancellationToken));
        _faqs = null;
        return updated;
    }

    /// <summary>Archived replies leave the lists and the picker; their usage history stays.</summary>
    public async Task ArchiveAsync(long id, long userId, UserRole role, CancellationToken cancellationToken)
    {
        await EditableAsync(id, userId, role, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE saved_replies SET archived_at = @Now WHERE id = @Id", new { Id = id, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        _faqs = null;
    }

    // Read on every customer message; rebuilt after any change made through this store.
    private volatile IReadOnlyList<SavedReply>? _faqs;

    // Settable properties, not a positional record: with no rows SQLite reports the aggregates' type as bytes,
    // and Dapper would then find no matching constructor.
    public sealed record FaqStats
    {
        public long SavedReplyId { get; init; }
        public long Answered { get; init; }
        public long AskedForPerson { get; init; }
    }

    /// <summary>For managers: how often each FAQ answered, and how often the customer still wanted a person afterwards.</summary>
    public async Task<IReadOnlyDictionary<long, FaqStats>> FaqStatsAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT saved_reply_id, COUNT(*) AS answered, SUM(CASE WHEN outcome IN ('person', 'followup') THEN 1 ELSE 0 END) AS asked_for_person
            FROM faq_answers GROUP BY saved_reply_id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<FaqStats>(new CommandDefinition(Sql, cancellationToken: cancellationToken))).ToDictionary(s => s.SavedReplyId);
    }

    /// <summary>The team's FAQ replies, for the bot.</summary>
    public async Task<IReadOnlyList<SavedReply>> FaqsAsync(CancellationToken cancellationToken)
    {
        if (_faqs is { } cached)
        {
            return cached;
        }
        const string Sql = $"SELECT {Columns} FROM saved_replies WHERE archived_at IS NULL AND owner_user_id IS NULL AND faq_triggers IS NOT NULL";
        await using var connection = await database.OpenAsync(cancellationToken);
        var faqs = (await connection.QueryAsync<SavedReply>(new CommandDefinition(Sql, cancellationToken: cancellationToken))).Where(r => r.IsFaq).ToList();
        _faqs = faqs;
        return faqs;
    }

    /// <summary>Counts a use, so the list can be pruned to what the team really uses.</summary>
    public async Task RecordUseAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE saved_replies SET usage_count = usage_count + 1, last_used_at = @Now WHERE id = @Id",
            new { Id = id, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Adds a team reply unless its shortcut already exists in that language (demo seeding).</summary>
    public async Task<bool> AddTeamReplyIfMissingAsync(string title, string shortcut, string language, string body, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO saved_replies (title, shortcut, language, body, created_at, updated_at)
            VALUES (@Title, @Shortcut, @Language, @Body, @Now, @Now)
            ON CONFLICT (shortcut, language) WHERE owner_user_id IS NULL DO NOTHING
            """;
        var draft = Validate(new SavedReplyDraft(title, shortcut, language, body, Personal: false));
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { draft.Title, draft.Shortcut, draft.Language, draft.Body, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    public static bool MayManageTeamReplies(UserRole role) => role >= UserRole.Manager;

    private object Parameters(SavedReplyDraft draft, long? id, long? owner) => new
    {
        Id = id,
        Owner = owner,
        draft.Title,
        draft.Shortcut,
        draft.Language,
        draft.Body,
        QuickReplies = Storage.JsonList.ToJson(draft.QuickReplies),
        FaqTriggers = Storage.JsonList.ToJson(draft.FaqTriggers),
        Now = time.GetUtcNow(),
    };

    private async Task<SavedReply> EditableAsync(long id, long userId, UserRole role, CancellationToken cancellationToken)
    {
        var reply = await GetVisibleAsync(id, userId, cancellationToken) ?? throw new UserInputException(CoreText.Get<SavedReplyStore>("ReplyGone"));
        EnsureMayManage(reply.IsPersonal, role);
        return reply;
    }

    private static void EnsureMayManage(bool personal, UserRole role)
    {
        if (!personal && !MayManageTeamReplies(role))
        {
            throw new UserInputException(CoreText.Get<SavedReplyStore>("TeamRepliesForManagers"));
        }
    }

    private static async Task EnsureShortcutFreeAsync(System.Data.Common.DbConnection connection, SavedReplyDraft draft, long? owner, long? exceptId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT COUNT(*) FROM saved_replies
            WHERE shortcut = @Shortcut AND language = @Language AND archived_at IS NULL
              AND (owner_user_id = @Owner OR (owner_user_id IS NULL AND @Owner IS NULL)) AND (@ExceptId IS NULL OR id <> @ExceptId)
            """;
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new { draft.Shortcut, draft.Language, Owner = owner, ExceptId = exceptId }, cancellationToken: cancellationToken)) > 0)
        {
            throw new UserInputException(CoreText.Get<SavedReplyStore>("ShortcutTaken", draft.Shortcut, draft.Language));
        }
    }

    private static SavedReplyDraft Validate(SavedReplyDraft draft)
    {
        var title = draft.Title.Trim();
        var shortcut = draft.Shortcut.Trim().TrimStart('/').ToLowerInvariant();
        var body = draft.Body.Trim();
        if (title.Length == 0)
        {
            throw new UserInputException(CoreText.Get<SavedReplyStore>("TitleRequired"));
        }
        if (!Shortcut().IsMatch(shortcut))
        {
            throw new UserInputException(CoreText.Get<SavedReplyStore>("ShortcutFormat"));
        }
        if (!Languages.Contains(draft.Language))
        {
            throw new UserInputException(CoreText.Get<SavedReplyStore>("LanguageNotSupported", draft.Language, string.Join(", ", Languages)));
        }
        if (body.Length == 0)
        {
            throw new UserInputException(CoreText.Get<SavedReplyStore>("BodyRequired"));
        }
        if (body.Length > MaxBodyLength)
        {
            throw new UserInputException(CoreText.Get<SavedReplyStore>("BodyTooLong", MaxBodyLength, body.Length));
        }
        var triggers = (draft.FaqTriggers ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        if (triggers.Count > 0 && draft.Personal)
        {
            throw new UserInputException(CoreText.Get<SavedReplyStore>("FaqTeamOnly"));
        }
        return draft with { Title = title, Shortcut = shortcut, Body = body, QuickReplies = Meta.QuickReplies.Validate(draft.QuickReplies), FaqTriggers = triggers };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,29}$")]
    private static partial Regex Shortcut();
}

/// <summary>The text of a saved reply as a person writes it.</summary>
public sealed record SavedReplyDraft(
    string Title, string Shortcut, string Language, string Body, bool Personal, IReadOnlyList<string>? QuickReplies = null, IReadOnlyList<string>? FaqTriggers = null);
