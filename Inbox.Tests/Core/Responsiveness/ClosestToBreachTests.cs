using Inbox.Core.Conversations;
using Inbox.Core.Responsiveness;
using Inbox.Core.Storage;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Responsiveness;

public sealed class ClosestToBreachTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;

    public async Task InitializeAsync() => _inbox = await IngestionHarness.CreateAsync();

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Fact]
    public async Task Waiting_conversations_come_first_the_longest_wait_first_then_the_rest_by_activity()
    {
        var t0 = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        await _inbox.DeliverAsync(
            Customer("7100000000000031", t0.AddMinutes(10), 1),
            Customer("7100000000000032", t0, 2),
            Customer("7100000000000033", t0.AddMinutes(5), 3),
            Customer("7100000000000034", t0.AddMinutes(20), 4));
        await _inbox.DeliverAsync(Fixture.PageInboxEcho("7100000000000032", t0.AddMinutes(30), "m_breach_reply"));

        var sorted = await _inbox.Conversations.ListAsync(new ConversationFilter(Sort: ConversationSort.ClosestToBreach), 0, 10, CancellationToken.None);
        var newest = await _inbox.Conversations.ListAsync(0, 10, CancellationToken.None);

        Assert.Equal(["7100000000000033", "7100000000000031", "7100000000000034", "7100000000000032"], sorted.Select(c => c.Psid));
        Assert.Equal("7100000000000032", newest[0].Psid);
    }

    [Theory]
    [InlineData(60, Urgency.Calm)]
    [InlineData(150, Urgency.Near)]
    [InlineData(299, Urgency.Near)]
    [InlineData(300, Urgency.Late)]
    public void A_wait_turns_amber_at_half_the_target_and_red_at_the_target(int seconds, Urgency urgency)
    {
        Assert.Equal(urgency, Urgencies.Of(TimeSpan.FromSeconds(seconds), ResponsivenessTargets.FiveMinuteRule.MedianTarget));
    }

    [Fact]
    public async Task Targets_are_kept_and_nonsense_is_refused()
    {
        var settings = new ResponsivenessSettings(new AppSettingStore(_inbox.Db.Database));
        Assert.Equal(ResponsivenessTargets.FiveMinuteRule, await settings.GetAsync(CancellationToken.None));

        await settings.SaveAsync(ResponsivenessTargets.FifteenMinuteRule, CancellationToken.None);
        await Assert.ThrowsAsync<Inbox.Core.UserInputException>(() => settings.SaveAsync(new ResponsivenessTargets(0, 5, 7), CancellationToken.None));

        Assert.Equal(ResponsivenessTargets.FifteenMinuteRule, await new ResponsivenessSettings(new AppSettingStore(_inbox.Db.Database)).GetAsync(CancellationToken.None));
    }

    private static byte[] Customer(string psid, DateTimeOffset at, int n) => Fixture.CustomerText(psid, at, $"m_breach_{n}");
}
