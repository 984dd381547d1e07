using Inbox.Tests.Support;
using Inbox.Web.Components;

namespace Inbox.Tests.Web.Components;

public sealed class CoalescedRefreshTests
{
    [Fact]
    public async Task Changes_during_a_read_cause_exactly_one_more_read_that_starts_after_them()
    {
        var reads = new List<int>();
        var firstRead = new TaskCompletionSource();
        var changes = 0;
        var refresh = new CoalescedRefresh(async () =>
        {
            reads.Add(changes);
            if (reads.Count == 1)
            {
                await firstRead.Task;
            }
        });

        var running = refresh.RequestAsync();
        await Eventually.TrueAsync(() => Task.FromResult(reads.Count == 1), "the first read to start");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            changes++;
            await refresh.RequestAsync();
        }
        Assert.Single(reads);
        firstRead.SetResult();
        await running;

        // The second read saw all three changes; an earlier read is never the last one.
        Assert.Equal([0, 3], reads);
        await refresh.RequestAsync();
        Assert.Equal([0, 3, 3], reads);
    }

    [Fact]
    public async Task A_failed_read_does_not_stop_the_next_request()
    {
        var reads = 0;
        var refresh = new CoalescedRefresh(() => ++reads == 1 ? throw new InvalidOperationException("database away") : Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(refresh.RequestAsync);
        await refresh.RequestAsync();

        Assert.Equal(2, reads);
    }
}
