using Inbox.Core.Ingestion;
using Inbox.Core.SenderActions;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Core.Ingestion;

/// <summary>Caches that would otherwise grow with every person and conversation ever seen stay within their bound.</summary>
public sealed class BoundedCacheTests
{
    [Fact]
    public void The_conversation_cache_starts_over_past_its_bound()
    {
        var applier = new EventApplier(TimeProvider.System, null!, null!, null!);
        for (var batch = 0; batch < 3; batch++)
        {
            var scope = new EventApplier.Scope();
            for (var i = 0; i < EventApplier.MaxRemembered / 2 + 1; i++)
            {
                scope.Learned[("page", $"{batch}-{i}")] = i;
            }
            applier.Remember(scope);
        }

        Assert.InRange(applier.Remembered, 1, EventApplier.MaxRemembered);
    }

    [Fact]
    public void Typing_times_are_kept_only_for_recent_conversations()
    {
        var time = new FakeTimeProvider();
        var queue = new SenderActionQueue(time);
        for (var conversation = 0; conversation < SenderActionQueue.MaxTracked * 5; conversation++)
        {
            queue.Typing(conversation);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // 10 s of typing at one conversation every 100 ms is 100 that still matter, plus at most a bound's worth.
        Assert.InRange(queue.Tracked, 1, SenderActionQueue.MaxTracked + 1);
    }
}
