using Inbox.Core.Users;
using Inbox.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Core.Users;

public sealed class PasswordSignInTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private UserStore _users = default!;
    private PasswordSignIn _signIn = default!;

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        var hasher = new PasswordHasher<User>();
        _users = new UserStore(_db.Database, hasher, _time, new UserChanges());
        _signIn = new PasswordSignIn(_users, hasher, _time);
        await _users.AddAsync("Agent@Example.com", "Ada Agent", UserRole.Agent, "correct horse", CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Right_password_signs_in_whatever_the_email_case()
    {
        var result = await _signIn.SignInAsync("  agent@EXAMPLE.com ", "correct horse", CancellationToken.None);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal("Ada Agent", result.User!.DisplayName);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_are_refused_alike()
    {
        Assert.Equal(SignInOutcome.WrongCredentials, (await _signIn.SignInAsync("agent@example.com", "wrong", CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await _signIn.SignInAsync("nobody@example.com", "correct horse", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Twenty_wrong_passwords_at_once_get_five_checks_and_lock_the_account()
    {
        var attempts = Enumerable.Range(0, 20).Select(_ => Task.Run(() => _signIn.SignInAsync("agent@example.com", "wrong", CancellationToken.None)));

        var outcomes = (await Task.WhenAll(attempts)).Select(r => r.Outcome).ToList();

        Assert.Equal(PasswordSignIn.MaxFailedAttempts - 1, outcomes.Count(o => o == SignInOutcome.WrongCredentials));
        Assert.Equal(SignInOutcome.LockedOut, (await _signIn.SignInAsync("agent@example.com", "correct horse", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password_until_the_lock_expires()
    {
        for (var i = 1; i < PasswordSignIn.MaxFailedAttempts; i++)
        {
            Assert.Equal(SignInOutcome.WrongCredentials, (await _signIn.SignInAsync("agent@example.com", "wrong", CancellationToken.None)).Outcome);
        }
        var locking = await _signIn.SignInAsync("agent@example.com", "wrong", CancellationToken.None);
        Assert.Equal(SignInOutcome.LockedOut, locking.Outcome);
        Assert.Equal(_time.GetUtcNow() + PasswordSignIn.LockoutDuration, locking.LockedUntil);

        Assert.Equal(SignInOutcome.LockedOut, (await _signIn.SignInAsync("agent@example.com", "correct horse", CancellationToken.None)).Outcome);

        _time.Advance(PasswordSignIn.LockoutDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.Succeeded, (await _signIn.SignInAsync("agent@example.com", "correct horse", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        for (var i = 1; i < PasswordSignIn.MaxFailedAttempts; i++)
        {
            await _signIn.SignInAsync("agent@example.com", "wrong", CancellationToken.None);
        }
        await _signIn.SignInAsync("agent@example.com", "correct horse", CancellationToken.None);

        Assert.Equal(SignInOutcome.WrongCredentials, (await _signIn.SignInAsync("agent@example.com", "wrong", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task An_admin_can_unlock_a_locked_account()
    {
        for (var i = 0; i < PasswordSignIn.MaxFailedAttempts; i++)
        {
            await _signIn.SignInAsync("agent@example.com", "wrong", CancellationToken.None);
        }
        var user = await _users.FindByEmailAsync("agent@example.com", CancellationToken.None);

        await _users.UnlockAsync(user!.Id, CancellationToken.None);

        Assert.Equal(SignInOutcome.Succeeded, (await _signIn.SignInAsync("agent@example.com", "correct horse", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        var user = await _users.FindByEmailAsync("agent@example.com", CancellationToken.None);
        await _users.SetDisabledAsync(user!.Id, true, CancellationToken.None);

        Assert.Equal(SignInOutcome.Disabled, (await _signIn.SignInAsync("agent@example.com", "correct horse", CancellationToken.None)).Outcome);
    }
}
