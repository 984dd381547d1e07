using Inbox.Core;
using Inbox.Core.Users;
using Inbox.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Core.Users;

public sealed class UserStoreTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private UserStore _users = default!;

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        _users = new UserStore(_db.Database, new PasswordHasher<User>(), _time, new UserChanges());
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Added_user_is_stored_with_a_hashed_password_and_its_times()
    {
        var user = await _users.AddAsync("Max@Example.com", " Max ", UserRole.Manager, "long enough", CancellationToken.None);

        var stored = await _users.FindByIdAsync(user.Id, CancellationToken.None);
        Assert.Equal("max@example.com", stored!.Email);
        Assert.Equal("Max", stored.DisplayName);
        Assert.Equal(UserRole.Manager, stored.Role);
        Assert.DoesNotContain("long enough", stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow(), stored.CreatedAt);
        Assert.Null(stored.LockedUntil);
    }

    [Theory]
    [InlineData("not-an-email", "Name", "long enough", "is not an email address")]
    [InlineData("a@b.c", " ", "long enough", "A name is required")]
    [InlineData("a@b.c", "Name", "short", "at least 8 characters")]
    public async Task Bad_input_is_refused_with_a_message_a_person_can_act_on(string email, string name, string password, string expected)
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => _users.AddAsync(email, name, UserRole.Agent, password, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(await _users.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_same_email_cannot_be_added_twice()
    {
        await _users.AddAsync("a@b.c", "First", UserRole.Agent, "long enough", CancellationToken.None);

        var error = await Assert.ThrowsAsync<UserInputException>(() => _users.AddAsync("A@B.C", "Second", UserRole.Admin, "long enough", CancellationToken.None));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal("First", Assert.Single(await _users.ListAsync(CancellationToken.None)).DisplayName);
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_demoted_nor_disabled()
    {
        var admin = await _users.AddAsync("admin@b.c", "Admin", UserRole.Admin, "long enough", CancellationToken.None);

        await Assert.ThrowsAsync<UserInputException>(() => _users.SetRoleAsync(admin.Id, UserRole.Agent, CancellationToken.None));
        await Assert.ThrowsAsync<UserInputException>(() => _users.SetDisabledAsync(admin.Id, true, CancellationToken.None));

        await _users.AddAsync("second@b.c", "Second", UserRole.Admin, "long enough", CancellationToken.None);
        await _users.SetRoleAsync(admin.Id, UserRole.Agent, CancellationToken.None);
        Assert.Equal(UserRole.Agent, (await _users.FindByIdAsync(admin.Id, CancellationToken.None))!.Role);
    }

    [Fact]
    public async Task Role_and_password_changes_give_the_user_a_new_security_stamp()
    {
        var user = await _users.AddAsync("a@b.c", "Ann", UserRole.Agent, "long enough", CancellationToken.None);

        await _users.SetRoleAsync(user.Id, UserRole.Manager, CancellationToken.None);
        var afterRole = (await _users.FindByIdAsync(user.Id, CancellationToken.None))!.SecurityStamp;
        await _users.SetPasswordAsync(user.Id, "another long one", CancellationToken.None);
        var afterPassword = (await _users.FindByIdAsync(user.Id, CancellationToken.None))!.SecurityStamp;

        Assert.NotEqual(user.SecurityStamp, afterRole);
        Assert.NotEqual(afterRole, afterPassword);
    }
}
