using Dapper;
using Inbox.Core.Conversations;
using Inbox.Core.Operations;
using Inbox.Core.SenderActions;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inbox.Tests.Web.Faults;

/// <summary>
/// The Graph API misbehaving over real HTTP (the sandbox hanging, answering late, unreadably or 503): nothing stops,
/// and every reply reaches the customer exactly once. Timeouts are shortened so each case takes seconds.
/// </summary>
[Trait("Category", "Faults")]
public sealed class GraphFaultTests : IAsyncLifetime
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

    public Task InitializeAsync()
    {
        _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private SandboxGraph Sandbox => _app.Service<SandboxGraph>();

    private int Delivered(string psid) => Sandbox.Received.Count(c => c.RecipientId == psid && c.MessageId is not null);

    [Fact]
    public async Task A_typing_indicator_meta_never_answers_stops_nothing()
    {
        var conversation = await _app.CustomerWritesAsync("psid-typing-hang", "Hello?");
        Sandbox.HangNextSenderActions(1, TimeSpan.FromSeconds(30));

        _app.Service<SenderActionQueue>().Typing(conversation.Id);
        var worker = _app.Services.GetServices<IHostedService>().OfType<SenderActionWorker>().Single();
        // The call times out after a second, and is tried again (showing "typing" twice changes nothing).
        await Eventually.TrueAsync(() => Task.FromResult(Sandbox.SenderActionsReceived.Count == 1), "the typing indicator to go through after the hang");

        Assert.False(_app.Service<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.NotEqual(WorkerState.Stopped, worker.Status.Now.State);
        var reply = await _app.AgentRepliesAsync(conversation.Id, "Still here!");
        await _app.MessageWhenAsync(reply, MessageStatus.Sent);
    }

    [Fact]
    public async Task A_reply_meta_accepted_but_answered_after_the_timeout_reaches_the_customer_once()
    {
        var conversation = await _app.CustomerWritesAsync("psid-late-answer", "Is it in stock?");
        Sandbox.FailNextSends(1, new SandboxFault(0, null, null, SandboxFaultKind.AcceptThenHang) { Delay = TimeSpan.FromSeconds(5) });

        var reply = await _app.AgentRepliesAsync(conversation.Id, "Yes, two left.");

        // The echo carries our id: it settles the reply, which is never sent again.
        var sent = await _app.MessageWhenAsync(reply, MessageStatus.Sent);
        Assert.NotNull(sent.Mid);
        Assert.Equal(1, Delivered("psid-late-answer"));
    }

    [Fact]
    public async Task A_200_answer_that_is_not_json_is_not_sent_again()
    {
        var conversation = await _app.CustomerWritesAsync("psid-unreadable", "Do you deliver?");
        Sandbox.FailNextSends(1, new SandboxFault(0, null, null, SandboxFaultKind.AcceptUnreadable));

        var reply = await _app.AgentRepliesAsync(conversation.Id, "Yes, every weekday.");

        await _app.MessageWhenAsync(reply, MessageStatus.Sent);
        Assert.Equal(1, Delivered("psid-unreadable"));
        Assert.Equal(1, Sandbox.Received.Count(c => c.RecipientId == "psid-unreadable"));
    }

    [Fact]
    public async Task An_outage_longer_than_six_attempts_ends_with_the_reply_delivered_once()
    {
        var conversation = await _app.CustomerWritesAsync("psid-outage", "Anyone there?");
        // Ten 503s in a row, each asking to come back in a second: more than the six attempts that used to fail a reply.
        Sandbox.FailNextSends(10, new SandboxFault(1, null, null, SandboxFaultKind.Unavailable));

        var reply = await _app.AgentRepliesAsync(conversation.Id, "Yes, sorry for the wait!");

        await _app.MessageWhenAsync(reply, MessageStatus.Sent, timeoutSeconds: 60);
        Assert.Equal(1, Delivered("psid-outage"));
        Assert.Equal(10, Sandbox.Received.Count(c => c.RecipientId == "psid-outage" && c.ErrorCode == 503));
    }

    [Fact]
    public async Task A_reply_meta_never_confirms_is_sent_again_only_after_waiting_for_its_echo()
    {
        var conversation = await _app.CustomerWritesAsync("psid-gateway", "Hello?");
        // A gateway's 502 without Meta's body: Meta may or may not have the message (here it does not).
        Sandbox.FailNextSends(1, new SandboxFault(0, null, null, SandboxFaultKind.BadGateway));
        var reply = await _app.AgentRepliesAsync(conversation.Id, "Hello!");

        var waiting = await Eventually.ReturnsAsync(() => SendStateAsync(reply, "unknown"), "the reply to wait for its echo");
        var sent = await _app.MessageWhenAsync(reply, MessageStatus.Sent);

        Assert.Contains("waiting for its confirmation", waiting.Error, StringComparison.Ordinal);
        var calls = Sandbox.Received.Where(c => c.RecipientId == "psid-gateway").ToList();
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(3), $"sent again after {(calls[1].At - calls[0].At).TotalSeconds:0.0} s, before the echo wait ended");
        Assert.Equal(calls[1].MessageId, sent.Mid);
    }

    internal static async Task<Row?> SendStateAsync(InboxAppFactory app, long messageId, string state)
    {
        await using var connection = await app.Service<Database>().OpenAsync(CancellationToken.None);
        return await connection.QuerySingleOrDefaultAsync<Row>(
            "SELECT error FROM messages WHERE id = @Id AND status = 'pending' AND send_state = @State", new { Id = messageId, State = state });
    }

    private Task<Row?> SendStateAsync(long messageId, string state) => SendStateAsync(_app, messageId, state);

    internal sealed record Row(string? Error);
}
