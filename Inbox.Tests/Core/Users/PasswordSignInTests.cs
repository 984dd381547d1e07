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

    private const string Office = "203.0.113.7";

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        var hasher = new PasswordHasher<User>();
        var changes = new UserChanges();
        _users = new UserStore(_db.Database, hasher, _time, changes);
        _signIn = new PasswordSignIn(_users, hasher, new SignInThrottle(_time, changes), _time);
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
        var result = await _signIn.SignInAsync("  agent@EXAMPLE.com ", "correct horse", Office, CancellationToken.None);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal("Ada Agent", result.User!.DisplayName);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_are_refused_alike()
    {
        Assert.Equal(SignInOutcome.WrongCredentials, (await _signIn.SignInAsync("agent@example.com", "wrong", Office, CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await _signIn.SignInAsync("nobody@example.com", "correct horse", Office, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Twenty_wrong_passwords_at_once_get_five_checks_and_lock_the_account()
    {
        var attempts = Enumerable.Range(0, 20).Select(_ => Task.Run(() => _signIn.SignInAsync("agent@example.com", "wrong", Office, CancellationToken.None)));

        var outcomes = (await Task.WhenAll(attempts)).Select(r => r.Outcome).ToList();

        Assert.Equal(PasswordSignIn.MaxFailedAttempts - 1, outcomes.Count(o => o == SignInOutcome.WrongCredentials));
        Assert.Equal(SignInOutcome.LockedOut, (await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password_until_the_lock_expires()
    {
        for (var i = 1; i < PasswordSignIn.MaxFailedAttempts; i++)
        {
            Assert.Equal(SignInOutcome.WrongCredentials, (await _signIn.SignInAsync("agent@example.com", "wrong", Office, CancellationToken.None)).Outcome);
        }
        var locking = await _signIn.SignInAsync("agent@example.com", "wrong", Office, CancellationToken.None);
        Assert.Equal(SignInOutcome.LockedOut, locking.Outcome);
        Assert.Equal(_time.GetUtcNow() + PasswordSignIn.LockoutDuration, locking.LockedUntil);

        Assert.Equal(SignInOutcome.LockedOut, (await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None)).Outcome);

        _time.Advance(PasswordSignIn.LockoutDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.Succeeded, (await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        for (var i = 1; i < PasswordSignIn.MaxFailedAttempts; i++)
        {
            await _signIn.SignInAsync("agent@example.com", "wrong", Office, CancellationToken.None);
        }
        await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None);

        Assert.Equal(SignInOutcome.WrongCredentials, (await _signIn.SignInAsync("agent@example.com", "wrong", Office, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task An_admin_can_unlock_a_locked_account()
    {
        for (var i = 0; i < PasswordSignIn.MaxFailedAttempts; i++)
        {
            await _signIn.SignInAsync("agent@example.com", "wrong", Office, CancellationToken.None);
        }
        var user = await _users.FindByEmailAsync("agent@example.com", CancellationToken.None);

        await _users.UnlockAsync(user!.Id, CancellationToken.None);

        Assert.Equal(SignInOutcome.Succeeded, (await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        var user = await _users.FindByEmailAsync("agent@example.com", CancellationToken.None);
        await _users.SetDisabledAsync(user!.Id, true, CancellationToken.None);

        Assert.Equal(SignInOutcome.Disabled, (await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task An_unknown_email_gets_exactly_the_answers_an_account_gets()
    {
        var forAccount = new List<(SignInOutcome, DateTimeOffset?)>();
        var forNobody = new List<(SignInOutcome, DateTimeOffset?)>();
        for (var i = 0; i <= PasswordSignIn.MaxFailedAttempts; i++)
        {
            var account = await _signIn.SignInAsync("agent@example.com", "wrong", Office, CancellationToken.None);
            var nobody = await _signIn.SignInAsync("nobody@example.com", "wrong", Office, CancellationToken.None);
            forAccount.Add((account.Outcome, account.LockedUntil));
            forNobody.Add((nobody.Outcome, nobody.LockedUntil));
        }

        Assert.Equal(forAccount, forNobody);
        Assert.Equal(SignInOutcome.LockedOut, forNobody[^1].Item1);
    }

    [Fact]
    public async Task Failures_from_one_source_do_not_lock_the_person_out_from_theirs()
    {
        for (var i = 0; i < 3 * PasswordSignIn.MaxFailedAttempts; i++)
        {
            await _signIn.SignInAsync("agent@example.com", "wrong", "198.51.100.66", CancellationToken.None);
        }

        Assert.Equal(SignInOutcome.LockedOut, (await _signIn.SignInAsync("agent@example.com", "correct horse", "198.51.100.66", CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.Succeeded, (await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Failures_spread_over_many_sources_lock_the_account_everywhere()
    {
        for (var i = 0; i < PasswordSignIn.MaxFailedAttemptsFromAnywhere; i++)
        {
            await _signIn.SignInAsync("agent@example.com", "wrong", $"198.51.100.{i}", CancellationToken.None);
        }

        var result = await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None);

        Assert.Equal(SignInOutcome.LockedOut, result.Outcome);
        Assert.False(result.SourceLocked);
    }

    [Fact]
    public async Task A_source_guessing_across_many_emails_is_refused_for_all_of_them()
    {
        for (var i = 0; i < SignInThrottle.PerSource; i++)
        {
            await _signIn.SignInAsync($"guess{i}@example.com", "wrong", "198.51.100.66", CancellationToken.None);
        }

        var refused = await _signIn.SignInAsync("agent@example.com", "correct horse", "198.51.100.66", CancellationToken.None);

        Assert.Equal(SignInOutcome.LockedOut, refused.Outcome);
        Assert.True(refused.SourceLocked);
        Assert.Equal(SignInOutcome.Succeeded, (await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_team_signing_in_from_one_address_is_never_counted_as_guessing()
    {
        for (var i = 0; i < 2 * SignInThrottle.PerSource; i++)
        {
            Assert.Equal(SignInOutcome.Succeeded, (await _signIn.SignInAsync("agent@example.com", "correct horse", Office, CancellationToken.None)).Outcome);
        }
    }
}
