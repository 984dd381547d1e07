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

    [Fact]
    public void Another_nodes_tabs_join_the_lists_and_leave_them_when_that_node_falls_silent()
    {
        var here = new PresenceTracker(_time);
        var there = new PresenceTracker(_time);
        var told = 0;
        there.LocalChanged += () => told++;
        var changes = new List<long?>();
        here.Changed += changes.Add;
        var (ana, sam) = (Guid.NewGuid(), Guid.NewGuid());
        here.View(ana, 1, "Ana Costa", 10);

        there.View(sam, 2, "Sam Taylor", 10);
        there.Typing(sam);
        here.ReplaceOtherNode("node-b", there.LocalSessions());

        Assert.True(told > 0, "node B tells of its changes");
        Assert.Equal([new Viewer(1, "Ana Costa", false), new Viewer(2, "Sam Taylor", true)], here.Viewers(10));
        Assert.Equal([(1L, "Ana Costa"), (2L, "Sam Taylor")], here.Online());
        Assert.Contains(10L, changes);

        // Reports keep coming while node B lives; after a silence its tabs are gone.
        _time.Advance(TimeSpan.FromSeconds(5));
        here.ReplaceOtherNode("node-b", there.LocalSessions());
        here.ForgetSilentNodes(TimeSpan.FromSeconds(7));
        Assert.Equal(2, here.Viewers(10).Count);
        _time.Advance(TimeSpan.FromSeconds(8));
        changes.Clear();
        here.ForgetSilentNodes(TimeSpan.FromSeconds(7));
        Assert.Equal([new Viewer(1, "Ana Costa", false)], here.Viewers(10));
        Assert.Equal([10L, null], changes);
    }
}
