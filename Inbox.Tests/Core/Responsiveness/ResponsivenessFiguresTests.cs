using Inbox.Core.Responsiveness;

namespace Inbox.Tests.Core.Responsiveness;

public sealed class ResponsivenessFiguresTests
{
    private static readonly ResponsivenessTargets s_targets = ResponsivenessTargets.FiveMinuteRule;

    [Fact]
    public void Waiting_messages_left_unanswered_turn_into_missed_ones_and_only_the_rate_moves()
    {
        var now = ResponsivenessFigures.From([60.0, 120.0, 180.0, 240.0, 100.0, 110.0, 130.0, 140.0, 150.0], missed: 0, pending: 2, s_targets);

        var ifMissed = now.IfWaitingMissed(s_targets);

        Assert.Equal((100.0, true), (now.RatePercent, now.Badge));
        Assert.Equal((9, 2, 0), (ifMissed.Answered, ifMissed.Missed, ifMissed.Pending));
        Assert.Equal(100.0 * 9 / 11, ifMissed.RatePercent);
        Assert.Equal(now.MedianSeconds, ifMissed.MedianSeconds);
        Assert.False(ifMissed.Badge);
        Assert.Equal(now.NewMessages, ifMissed.NewMessages);
    }

    [Fact]
    public void Only_waiting_messages_make_a_rate_of_zero_not_an_empty_one()
    {
        var ifMissed = ResponsivenessFigures.From([], missed: 0, pending: 3, s_targets).IfWaitingMissed(s_targets);

        Assert.Equal((0.0, false), (ifMissed.RatePercent, ifMissed.Badge));
    }
}
