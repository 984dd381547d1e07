using System.Diagnostics;
using System.Net;
using Inbox.Core.Conversations;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Xunit.Abstractions;

namespace Inbox.Tests.Web.Faults;

/// <summary>
/// Meta down for a while (20 s in test.sh, 10 minutes in faults.sh) while agents keep replying: the Graph API hangs,
/// answers 500, 503 with Retry-After, 502, or accepts and answers too late, in turn. Nothing stops, no reply is marked
/// failed meanwhile, and after the outage every reply reaches the customer exactly once.
/// </summary>
[Trait("Category", "Faults")]
public sealed class GraphOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Meta:GraphTimeoutSeconds"] = "1",
            ["Meta:EchoWaitSeconds"] = "3",
            ["Meta:CircuitBreakSeconds"] = "1",
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Replies_written_during_an_outage_are_delivered_once_after_it_and_nothing_stops_meanwhile()
    {
        var (outage, every, settle) = FaultScale.IsLong
            ? (TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(20), 420)
            : (TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2), 90);
        var baseUrl = _app.StartOnLoopback();
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var sandbox = _app.Service<SandboxGraph>();
        var conversations = new List<ConversationSummary>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            conversations.Add(await _app.CustomerWritesAsync($"psid-outage-{i}", $"Hello from customer {i}"));
        }
        var late = TimeSpan.FromSeconds(3);
        sandbox.StartOutage(outage, [
            new SandboxFault(0, null, null, SandboxFaultKind.Hang) { Delay = late },
            new SandboxFault(2, null, null),
            new SandboxFault(1, null, null, SandboxFaultKind.Unavailable),
            new SandboxFault(0, null, null, SandboxFaultKind.AcceptThenHang) { Delay = late },
            new SandboxFault(0, null, null, SandboxFaultKind.BadGateway),
        ]);

        var clock = Stopwatch.StartNew();
        var replies = new List<(long Id, string Text)>();
        for (var round = 0; clock.Elapsed < outage; round++)
        {
            foreach (var conversation in conversations)
            {
                var text = $"Reply {round} to {conversation.Psid}";
                replies.Add((await _app.AgentRepliesAsync(conversation.Id, text), text));
            }
            // Meanwhile the server answers, and every reply is waiting or sent, never given up on.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
            foreach (var (id, _) in replies)
            {
                var message = (await _app.Service<ConversationStore>().MessageAsync(id, CancellationToken.None))!;
                Assert.True(message.Status != MessageStatus.Failed, $"reply {id} failed during the outage: {message.ErrorCode} {message.Error}");
            }
            await Task.Delay(every);
        }
        var outageEnded = clock.Elapsed;

        foreach (var (id, _) in replies)
        {
            await _app.MessageWhenAsync(id, MessageStatus.Sent, timeoutSeconds: settle);
        }
        var allSent = clock.Elapsed - outageEnded;
        foreach (var (_, text) in replies)
        {
            Assert.Equal(1, sandbox.Received.Count(call => call.Text == text && call.MessageId is not null));
        }
        output.WriteLine($"outage {outage.TotalSeconds:F0} s: {replies.Count} replies written during it, none failed; " +
            $"all {replies.Count} sent {allSent.TotalSeconds:F1} s after it ended, each delivered exactly once");
    }
}
