using Inbox.Core.Live;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Core.Live;

public sealed class PresenceTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Viewers_are_listed_once_per_person_typing_fades_and_leaving_removes_them()
    {
        var presence = new PresenceTracker(_time);
        var changes = new List<long?>();
        presence.Changed += changes.Add;
        var (anaTab1, anaTab2, sam) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        presence.View(anaTab1, 1, "Ana Costa", 10);
        presence.View(anaTab2, 1, "Ana Costa", 10);
        presence.View(sam, 2, "Sam Taylor", 10);
        var before = changes.Count;
        presence.Typing(sam);
        presence.Typing(sam);

        Assert.Equal([new Viewer(1, "Ana Costa", false), new Viewer(2, "Sam Taylor", true)], presence.Viewers(10));
        // Only the first keystroke of a burst tells the others.
        Assert.Equal([10L], changes.Skip(before));
        _time.Advance(PresenceTracker.TypingLasts);
        Assert.False(presence.Viewers(10).Single(v => v.UserId == 2).Typing);

        presence.View(sam, 2, "Sam Taylor", 11);
        presence.Disconnect(anaTab1);
        Assert.Equal([new Viewer(1, "Ana Costa", false)], presence.Viewers(10));
        Assert.Equal([(1L, "Ana Costa"), (2L, "Sam Taylor")], presence.Online());
        presence.Disconnect(anaTab2);
        Assert.Empty(presence.Viewers(10));
    }
}
