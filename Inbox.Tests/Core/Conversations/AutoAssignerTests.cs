using Dapper;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Core.Storage;
using Inbox.Core.Users;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Conversations;

public sealed class AutoAssignerTests : IAsyncLifetime
{
    private IngestionHarness _inbox = default!;
    private PresenceTracker _presence = default!;
    private AutoAssigner _assigner = default!;
    private readonly List<User> _agents = [];
    private int _mid;

    public async Task InitializeAsync()
    {
        _inbox = await IngestionHarness.CreateAsync();
        _presence = new PresenceTracker(_inbox.Time);
        _assigner = new AutoAssigner(_inbox.Db.Database, new AppSettingStore(_inbox.Db.Database), _presence,
            new ConversationWorkflow(_inbox.Db.Database, _inbox.Feed, _inbox.Time), _inbox.Time);
        foreach (var name in new[] { "Ana Costa", "Ben Roy", "Cleo Hart" })
        {
            _agents.Add(await _inbox.Users.AddAsync($"{name.Split(' ')[0].ToLowerInvariant()}@shop.example", name, UserRole.Agent, "a long password here", CancellationToken.None));
        }
        await _assigner.SetEnabledAsync(true, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _assigner.Dispose();
        await _inbox.DisposeAsync();
    }

    [Fact]
    public async Task New_conversations_are_shared_evenly_among_the_people_online()
    {
        Online(_agents[0], _agents[1], _agents[2]);

        var given = new List<long?>();
        for (var i = 0; i < 6; i++)
        {
            given.Add(await _assigner.AssignAsync(await NewConversationAsync(), CancellationToken.None));
        }

        Assert.All(_agents, agent => Assert.Equal(2, given.Count(g => g == agent.Id)));
        Assert.Equal(given.Take(3).Order(), _agents.Select(a => (long?)a.Id).Order());
    }

    [Fact]
    public async Task Nobody_gets_more_than_their_capacity_and_people_offline_get_nothing()
    {
        Online(_agents[0], _agents[1]);
        await using (var connection = await _inbox.Db.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE users SET max_open_conversations = 1");
        }

        var given = new List<long?>();
        for (var i = 0; i < 3; i++)
        {
            given.Add(await _assigner.AssignAsync(await NewConversationAsync(), CancellationToken.None));
        }

        Assert.Equal(2, given.Count(g => g is not null));
        Assert.Null(given[2]);
        Assert.DoesNotContain(_agents[2].Id, given);
    }

    [Fact]
    public async Task Nothing_is_assigned_when_it_is_turned_off_or_the_conversation_already_has_someone()
    {
        Online(_agents[0]);
        var taken = await NewConversationAsync();
        await new ConversationWorkflow(_inbox.Db.Database, _inbox.Feed, _inbox.Time).AssignAsync(taken, _agents[1].Id, null, CancellationToken.None);
        Assert.Null(await _assigner.AssignAsync(taken, CancellationToken.None));

        await _assigner.SetEnabledAsync(false, CancellationToken.None);
        Assert.Null(await _assigner.AssignAsync(await NewConversationAsync(), CancellationToken.None));
    }

    private void Online(params User[] users)
    {
        foreach (var user in users)
        {
            _presence.Connect(Guid.NewGuid(), user.Id, user.DisplayName);
        }
    }

    private async Task<long> NewConversationAsync()
    {
        var psid = $"71000000000009{++_mid:D2}";
        await _inbox.DeliverAsync(Fixture.CustomerText(psid, DateTimeOffset.FromUnixTimeMilliseconds(1795600000000 + _mid * 1000), $"m_robin_{_mid}"));
        return (await _inbox.Conversations.ListAsync(0, 100, CancellationToken.None)).Single(c => c.Psid == psid).Id;
    }
}
