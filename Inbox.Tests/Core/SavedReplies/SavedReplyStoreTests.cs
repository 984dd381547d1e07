using Inbox.Core;
using Inbox.Core.SavedReplies;
using Inbox.Core.Users;
using Inbox.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Tests.Core.SavedReplies;

public sealed class SavedReplyStoreTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private SavedReplyStore _replies = default!;
    private User _agent = default!;
    private User _otherAgent = default!;
    private User _manager = default!;

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        var users = new UserStore(_db.Database, new PasswordHasher<User>(), TimeProvider.System, new UserChanges());
        _agent = await users.AddAsync("agent@test.inbox", "Agent", UserRole.Agent, "long enough", CancellationToken.None);
        _otherAgent = await users.AddAsync("other@test.inbox", "Other", UserRole.Agent, "long enough", CancellationToken.None);
        _manager = await users.AddAsync("manager@test.inbox", "Manager", UserRole.Manager, "long enough", CancellationToken.None);
        _replies = new SavedReplyStore(_db.Database, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_manager_creates_team_replies_everyone_sees()
    {
        var reply = await _replies.CreateAsync(new SavedReplyDraft(" Shipping ", "/Shipping", "en", "We ship in 2 days.", Personal: false), _manager.Id, _manager.Role, CancellationToken.None);

        Assert.Equal("shipping", reply.Shortcut);
        Assert.Equal("Shipping", reply.Title);
        Assert.False(reply.IsPersonal);
        Assert.Single(await _replies.ListVisibleToAsync(_agent.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_agent_may_not_create_change_or_archive_team_replies()
    {
        var team = await _replies.CreateAsync(new SavedReplyDraft("Shipping", "shipping", "en", "We ship in 2 days.", false), _manager.Id, _manager.Role, CancellationToken.None);

        await Assert.ThrowsAsync<UserInputException>(() => _replies.CreateAsync(new SavedReplyDraft("Mine", "mine", "en", "Text", false), _agent.Id, _agent.Role, CancellationToken.None));
        await Assert.ThrowsAsync<UserInputException>(() => _replies.UpdateAsync(team.Id, new SavedReplyDraft("Changed", "shipping", "en", "Text", false), _agent.Id, _agent.Role, CancellationToken.None));
        await Assert.ThrowsAsync<UserInputException>(() => _replies.ArchiveAsync(team.Id, _agent.Id, _agent.Role, CancellationToken.None));
    }

    [Fact]
    public async Task Personal_replies_are_their_owners_alone()
    {
        var mine = await _replies.CreateAsync(new SavedReplyDraft("Sign-off", "bye", "en", "Cheers, Ada", true), _agent.Id, _agent.Role, CancellationToken.None);

        Assert.Single(await _replies.ListVisibleToAsync(_agent.Id, CancellationToken.None));
        Assert.Empty(await _replies.ListVisibleToAsync(_otherAgent.Id, CancellationToken.None));
        await Assert.ThrowsAsync<UserInputException>(() => _replies.ArchiveAsync(mine.Id, _otherAgent.Id, _otherAgent.Role, CancellationToken.None));

        await _replies.ArchiveAsync(mine.Id, _agent.Id, _agent.Role, CancellationToken.None);
        Assert.Empty(await _replies.ListVisibleToAsync(_agent.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData("", "bye", "en", "Text", "needs a title")]
    [InlineData("Title", "two words", "en", "Text", "shortcut is 1 to 30")]
    [InlineData("Title", "bye", "de", "Text", "Language 'de' is not supported")]
    [InlineData("Title", "bye", "en", " ", "needs a text")]
    public async Task Bad_drafts_are_refused_with_the_reason(string title, string shortcut, string language, string body, string reason)
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _replies.CreateAsync(new SavedReplyDraft(title, shortcut, language, body, true), _agent.Id, _agent.Role, CancellationToken.None));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shortcut_is_unique_per_language_among_team_replies()
    {
        await _replies.CreateAsync(new SavedReplyDraft("Shipping", "shipping", "en", "We ship in 2 days.", false), _manager.Id, _manager.Role, CancellationToken.None);
        await _replies.CreateAsync(new SavedReplyDraft("Livraison", "shipping", "fr", "Nous expédions sous 2 jours.", false), _manager.Id, _manager.Role, CancellationToken.None);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _replies.CreateAsync(new SavedReplyDraft("Again", "shipping", "en", "Twice", false), _manager.Id, _manager.Role, CancellationToken.None));

        Assert.Contains("/shipping is already used in en", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quick_reply_buttons_are_kept_within_messengers_limits()
    {
        var reply = await _replies.CreateAsync(new SavedReplyDraft("Size", "size", "en", "Which size?", true, [" Small ", "Large", "Large", ""]), _agent.Id, _agent.Role, CancellationToken.None);

        Assert.Equal(["Small", "Large"], reply.QuickReplies);
        var tooMany = await Assert.ThrowsAsync<UserInputException>(() => _replies.CreateAsync(
            new SavedReplyDraft("Many", "many", "en", "Pick", true, [.. Enumerable.Range(1, 14).Select(i => $"Option {i}")]), _agent.Id, _agent.Role, CancellationToken.None));
        Assert.Contains("at most 13", tooMany.Message, StringComparison.Ordinal);
        var tooLong = await Assert.ThrowsAsync<UserInputException>(() => _replies.CreateAsync(
            new SavedReplyDraft("Long", "long", "en", "Pick", true, ["This button title is far too long"]), _agent.Id, _agent.Role, CancellationToken.None));
        Assert.Contains("longer than Messenger's 20 characters", tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uses_are_counted()
    {
        var reply = await _replies.CreateAsync(new SavedReplyDraft("Sign-off", "bye", "en", "Cheers", true), _agent.Id, _agent.Role, CancellationToken.None);

        await _replies.RecordUseAsync(reply.Id, CancellationToken.None);
        await _replies.RecordUseAsync(reply.Id, CancellationToken.None);

        Assert.Equal(2, (await _replies.GetVisibleAsync(reply.Id, _agent.Id, CancellationToken.None))!.UsageCount);
    }
}
