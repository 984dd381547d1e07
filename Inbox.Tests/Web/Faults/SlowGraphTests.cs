using Inbox.Core.Conversations;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Web.Faults;

/// <summary>A Graph call that hangs (within the normal timeout) holds only its own conversation's replies.</summary>
[Trait("Category", "Faults")]
public sealed class SlowGraphTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private SandboxGraph Sandbox => _app.Service<SandboxGraph>();

    [Fact]
    public async Task A_slow_call_for_one_conversation_does_not_hold_another_customers_reply()
    {
        var slow = await _app.CustomerWritesAsync("psid-slow", "First!");
        var other = await _app.CustomerWritesAsync("psid-other", "Second!");
        Sandbox.FailNextSends(1, new SandboxFault(0, null, null, SandboxFaultKind.Hang) { Delay = TimeSpan.FromSeconds(30) });
        var held = await _app.AgentRepliesAsync(slow.Id, "Hello first customer");
        await Eventually.ReturnsAsync(() => GraphFaultTests.SendStateAsync(_app, held, "sending"), "the first call to be under way");
        // Claimed is not yet called: on a busy machine the second reply's call could otherwise meet the hang first.
        await Eventually.TrueAsync(() => Task.FromResult(Sandbox.FaultsWaiting == 0), "the first call to reach Meta and hang");

        var quick = await _app.AgentRepliesAsync(other.Id, "Hello second customer");

        await _app.MessageWhenAsync(quick, MessageStatus.Sent);
        // Sent while the first call was still hanging, not after its timeout.
        Assert.NotNull(await GraphFaultTests.SendStateAsync(_app, held, "sending"));
    }
}
