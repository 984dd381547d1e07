using Inbox.Core;
using Inbox.Core.Conversations;
using Inbox.Core.Users;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Conversations;

/// <summary>Statuses, reopening, snoozes, assignment and the inbox views, on a real SQLite file.</summary>
public sealed class ConversationWorkflowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private IngestionHarness _inbox = default!;
    private ConversationWorkflow _workflow = default!;
    private User _ana = default!;
    private User _sam = default!;
    private int _mid;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _workflow = new ConversationWorkflow(_inbox.Db.Database, _inbox.Feed, _inbox.Time);
        _ana = await _inbox.Users.AddAsync("ana@shop.example", "Ana Costa", UserRole.Agent, "a long password here", CancellationToken.None);
        _sam = await _inbox.Users.AddAsync("sam@shop.example", "Sam Noel", UserRole.Agent, "a long password here", CancellationToken.None);
        await _inbox.Users.SetDisabledAsync((await _inbox.Users.AddAsync("old@shop.example", "Old Timer", UserRole.Agent, "a long password here", CancellationToken.None)).Id, true, CancellationToken.None);
        _inbox.Time.SetUtcNow(s_t0.AddHours(1));
    }

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    [Theory]
    [InlineData(ConversationStatus.Done)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Snoozed)]
    public async Task A_customer_message_reopens_a_done_pending_or_snoozed_conversation(ConversationStatus status)
    {
        var id = await CustomerWritesAsync("7100000000000041", s_t0);
        await _workflow.SetStatusAsync(id, status, s_t0.AddDays(1), _ana.Id, CancellationToken.None);
        Assert.Equal(status, (await GetAsync(id)).Status);

        await CustomerWritesAsync("7100000000000041", s_t0.AddMinutes(30));

        var conversation = await GetAsync(id);
        Assert.Equal((ConversationStatus.Open, (DateTimeOffset?)null), (conversation.Status, conversation.SnoozedUntil));
    }

    [Fact]
    public async Task A_late_older_message_does_not_reopen_a_conversation_closed_after_it()
    {
        var id = await CustomerWritesAsync("7100000000000042", s_t0);
        await _workflow.SetStatusAsync(id, ConversationStatus.Done, null, _ana.Id, CancellationToken.None);

        await CustomerWritesAsync("7100000000000042", s_t0.AddMinutes(-5));

        Assert.Equal(ConversationStatus.Done, (await GetAsync(id)).Status);
    }

    [Fact]
    public async Task A_snooze_needs_a_future_time_and_ends_by_itself_with_a_line_in_the_history()
    {
        var id = await CustomerWritesAsync("7100000000000043", s_t0);
        await Assert.ThrowsAsync<UserInputException>(() => _workflow.SetStatusAsync(id, ConversationStatus.Snoozed, s_t0, _ana.Id, CancellationToken.None));
        await _workflow.SetStatusAsync(id, ConversationStatus.Snoozed, s_t0.AddHours(3), _ana.Id, CancellationToken.None);

        _inbox.Time.SetUtcNow(s_t0.AddHours(2));
        Assert.Equal(0, await _workflow.WakeSnoozedAsync(CancellationToken.None));
        _inbox.Time.SetUtcNow(s_t0.AddHours(3));
        Assert.Equal(1, await _workflow.WakeSnoozedAsync(CancellationToken.None));

        Assert.Equal(ConversationStatus.Open, (await GetAsync(id)).Status);
        var history = await _inbox.Conversations.EventsAsync(id, CancellationToken.None);
        Assert.Equal([("snoozed " + s_t0.AddHours(3).ToUnixTimeMilliseconds(), "Ana Costa"), ("open", null)], history.Select(e => (e.Detail!, e.UserName)));
    }

    [Fact]
    public async Task Assignment_is_recorded_with_who_did_it_and_only_active_people_can_take_conversations()
    {
        var id = await CustomerWritesAsync("7100000000000044", s_t0);

        await _workflow.AssignAsync(id, _sam.Id, _ana.Id, CancellationToken.None);
        await _workflow.AssignAsync(id, _sam.Id, _ana.Id, CancellationToken.None);
        _inbox.Time.Advance(TimeSpan.FromSeconds(1));
        await _workflow.AssignAsync(id, null, _sam.Id, CancellationToken.None);

        var history = await _inbox.Conversations.EventsAsync(id, CancellationToken.None);
        Assert.Equal([("Sam Noel", "Ana Costa"), ("", "Sam Noel")], history.Select(e => (e.Detail!, e.UserName!)));
        var refused = await Assert.ThrowsAsync<UserInputException>(() => _workflow.AssignAsync(id, _sam.Id + 1, _ana.Id, CancellationToken.None));
        Assert.Contains("no such active user", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Views_show_mine_unassigned_all_and_done_with_their_counts()
    {
        var mine = await CustomerWritesAsync("7100000000000051", s_t0);
        var samsPending = await CustomerWritesAsync("7100000000000052", s_t0.AddMinutes(1));
        var unassigned = await CustomerWritesAsync("7100000000000053", s_t0.AddMinutes(2));
        var done = await CustomerWritesAsync("7100000000000054", s_t0.AddMinutes(3));
        await _workflow.AssignAsync(mine, _ana.Id, _ana.Id, CancellationToken.None);
        await _workflow.AssignAsync(samsPending, _sam.Id, _ana.Id, CancellationToken.None);
        await _workflow.SetStatusAsync(samsPending, ConversationStatus.Pending, null, _sam.Id, CancellationToken.None);
        await _workflow.SetStatusAsync(done, ConversationStatus.Done, null, _ana.Id, CancellationToken.None);

        async Task<long[]> ViewAsync(InboxView view) =>
            [.. (await _inbox.Conversations.ListAsync(new ConversationFilter(View: view, UserId: _ana.Id), 0, 10, CancellationToken.None)).Select(c => c.Id)];
        Assert.Equal([mine], await ViewAsync(InboxView.Mine));
        Assert.Equal([unassigned], await ViewAsync(InboxView.Unassigned));
        Assert.Equal([unassigned, samsPending, mine], await ViewAsync(InboxView.All));
        Assert.Equal([done], await ViewAsync(InboxView.Done));
        var counts = await _inbox.Conversations.ViewCountsAsync(_ana.Id, CancellationToken.None);
        Assert.Equal((1, 1, 3, 1), (counts[InboxView.Mine], counts[InboxView.Unassigned], counts[InboxView.All], counts[InboxView.Done]));
        Assert.Equal("Sam Noel", (await GetAsync(samsPending)).AssigneeName);
    }

    [Fact]
    public async Task Snoozed_conversations_have_their_own_view_the_soonest_to_wake_first()
    {
        var later = await CustomerWritesAsync("psid-snooze-later", s_t0.AddMinutes(1));
        var sooner = await CustomerWritesAsync("psid-snooze-sooner", s_t0.AddMinutes(2));
        var open = await CustomerWritesAsync("psid-snooze-open", s_t0.AddMinutes(3));
        await _workflow.SetStatusAsync(later, ConversationStatus.Snoozed, s_t0.AddDays(2), _ana.Id, CancellationToken.None);
        await _workflow.SetStatusAsync(sooner, ConversationStatus.Snoozed, s_t0.AddHours(5), _ana.Id, CancellationToken.None);

        var snoozed = await _inbox.Conversations.ListAsync(new ConversationFilter(View: InboxView.Snoozed, UserId: _ana.Id), 0, 10, CancellationToken.None);

        Assert.Equal([sooner, later], snoozed.Select(c => c.Id));
        Assert.Equal(s_t0.AddHours(5), snoozed[0].SnoozedUntil);
        Assert.Equal([open], (await _inbox.Conversations.ListAsync(new ConversationFilter(View: InboxView.All, UserId: _ana.Id), 0, 10, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal(2, (await _inbox.Conversations.ViewCountsAsync(_ana.Id, CancellationToken.None))[InboxView.Snoozed]);
    }

    [Fact]
    public async Task A_conversation_handed_to_a_team_is_in_the_members_mine_until_someone_takes_it()
    {
        var teams = new TeamStore(_inbox.Db.Database, _inbox.Time);
        var sales = await teams.AddAsync("Sales", CancellationToken.None);
        await teams.SetMemberAsync(sales, _sam.Id, true, CancellationToken.None);
        await Assert.ThrowsAsync<UserInputException>(() => teams.AddAsync("Sales", CancellationToken.None));
        var id = await CustomerWritesAsync("7100000000000071", s_t0);

        await _workflow.AssignTeamAsync(id, sales, _ana.Id, CancellationToken.None);

        Assert.Equal("Sales", (await GetAsync(id)).TeamName);
        Assert.Equal(1, (await _inbox.Conversations.ViewCountsAsync(_sam.Id, CancellationToken.None))[InboxView.Mine]);
        Assert.Equal(0, (await _inbox.Conversations.ViewCountsAsync(_ana.Id, CancellationToken.None))[InboxView.Mine]);
        _inbox.Time.Advance(TimeSpan.FromSeconds(1));
        await _workflow.AssignAsync(id, _ana.Id, _ana.Id, CancellationToken.None);
        Assert.Equal(0, (await _inbox.Conversations.ViewCountsAsync(_sam.Id, CancellationToken.None))[InboxView.Mine]);
        Assert.Contains(await _inbox.Conversations.EventsAsync(id, CancellationToken.None), e => e.Kind == ConversationEventKinds.AssignedTeam && e.Detail == "Sales");
    }

    private async Task<ConversationSummary> GetAsync(long id) => (await _inbox.Conversations.GetAsync(id, CancellationToken.None))!;

    private async Task<long> CustomerWritesAsync(string psid, DateTimeOffset at)
    {
        await _inbox.DeliverAsync(Fixture.CustomerText(psid, at, $"m_flow_{++_mid}"));
        return (await _inbox.Conversations.ListAsync(0, 100, CancellationToken.None)).Single(c => c.Psid == psid).Id;
    }
}
