using System.Collections.Concurrent;
using Dapper;
using Inbox.Core.Pages;
using Inbox.Core.Storage;

namespace Inbox.Core.Comments;

/// <summary>Moderation rules per Page, cached: every incoming comment is checked against them in the ingest transaction.</summary>
public sealed class ModerationStore(Database database, TimeProvider time, PageSettingsChanges changes)
{
    private readonly ConcurrentDictionary<string, ModerationRules> _cache = changes.NewCache<ModerationRules>();

    public async Task<ModerationRules> GetAsync(string pageId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(pageId, out var cached))
        {
            return cached;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Words, long HideLinks, long HidePhoneNumbers)?>(new CommandDefinition(
            "SELECT words, hide_links, hide_phone_numbers FROM moderation_rules WHERE page_id = @PageId", new { PageId = pageId }, cancellationToken: cancellationToken));
        var rules = row is { } r ? new ModerationRules(pageId, JsonList.FromJson(r.Words), r.HideLinks == 1, r.HidePhoneNumbers == 1) : ModerationRules.None(pageId);
        _cache[pageId] = rules;
        return rules;
    }

    public async Task SaveAsync(ModerationRules rules, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO moderation_rules (page_id, words, hide_links, hide_phone_numbers, updated_at) VALUES (@PageId, @Words, @HideLinks, @HidePhoneNumbers, @Now)
            ON CONFLICT (page_id) DO UPDATE SET words = excluded.words, hide_links = excluded.hide_links,
                hide_phone_numbers = excluded.hide_phone_numbers, updated_at = excluded.updated_at
            """;
        var words = rules.Words.Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (words.Any(w => w.Length < 3))
        {
            throw new UserInputException(CoreText.Get<ModerationStore>("WordTooShort"));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            rules.PageId,
            Words = JsonList.ToJson(words) ?? "[]",
            HideLinks = rules.HideLinks ? 1 : 0,
            HidePhoneNumbers = rules.HidePhoneNumbers ? 1 : 0,
            Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        changes.Publish(new PageSettingsChange(rules.PageId));
    }
}
