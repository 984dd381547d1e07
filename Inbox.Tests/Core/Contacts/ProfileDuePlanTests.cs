using Inbox.Core.Contacts;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Contacts;

/// <summary>
/// The profile worker asks which contacts are due after every applied group of messages: the answer must come from
/// an index of contacts not asked yet and the recently active conversations, not from a read of every contact.
/// </summary>
public sealed class ProfileDuePlanTests
{
    private static readonly string s_due = ContactStore.DueForProfileSql
        .Replace("@Limit", "20", StringComparison.Ordinal).Replace("@StaleBefore", "1700000000000", StringComparison.Ordinal);

    [Fact]
    public async Task Contacts_not_asked_yet_are_found_in_their_own_index_and_stale_ones_among_recent_conversations()
    {
        using var database = await new TestDatabase().MigratedAsync();

        var plan = await QueryPlan.OfAsync(database, s_due);

        Assert.Contains("contacts_profile_unchecked", plan, StringComparison.Ordinal);
        Assert.Contains("conversations_by_activity", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN p\n", plan + "\n", StringComparison.Ordinal);
    }
}
