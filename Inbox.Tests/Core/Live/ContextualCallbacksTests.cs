using System.Globalization;
using Inbox.Core.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Tests.Core.Live;

public sealed class ContextualCallbacksTests
{
    [Fact]
    public async Task A_subscriber_hears_changes_in_its_own_language_whoever_publishes()
    {
        var feed = new LiveFeed(NullLogger<LiveFeed>.Instance);
        var heard = new List<string>();
        // Subscribed from a French circuit...
        var subscription = await Task.Run(() =>
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
            return feed.Subscribe(_ => heard.Add(CultureInfo.CurrentUICulture.Name));
        });

        // ...published by a worker speaking English.
        await Task.Run(() =>
        {
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            feed.Publish(new InboxChange(1, InboxChangeKind.MessageAdded));
            Assert.Equal(CultureInfo.InvariantCulture, CultureInfo.CurrentUICulture);
        });
        subscription.Dispose();
        feed.Publish(new InboxChange(1, InboxChangeKind.MessageAdded));

        Assert.Equal(["fr"], heard);
    }

    [Fact]
    public void One_failing_callback_does_not_stop_the_others_and_is_reported()
    {
        var callbacks = new ContextualCallbacks<int>();
        var heard = new List<int>();
        var failures = new List<Exception>();
        void Fails(int _) => throw new InvalidOperationException("boom");
        callbacks.Add(Fails);
        callbacks.Add(heard.Add);

        callbacks.Invoke(7, failures.Add);
        callbacks.Remove(Fails);
        callbacks.Invoke(8, failures.Add);

        Assert.Equal([7, 8], heard);
        Assert.Single(failures);
    }
}
