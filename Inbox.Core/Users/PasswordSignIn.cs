using Microsoft.AspNetCore.Identity;

namespace Inbox.Core.Users;

public enum SignInOutcome
{
    Succeeded,
    WrongCredentials,
    LockedOut,
    Disabled,
}

public sealed record SignInResult(SignInOutcome Outcome, User? User = null, DateTimeOffset? LockedUntil = null);

/// <summary>Checks a password and applies the lock-out rule: too many failures in a row lock the account for a while.</summary>
public sealed class PasswordSignIn(UserStore users, IPasswordHasher<User> hasher, TimeProvider time)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    // Verifying against this keeps an unknown email as slow as a wrong password, so timing does not reveal accounts.
    private static readonly User s_nobody = new() { Email = "", DisplayName = "", PasswordHash = "", SecurityStamp = "" };
    private readonly Lazy<string> _nobodyHash = new(() => hasher.HashPassword(s_nobody, Guid.NewGuid().ToString()));

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(s_nobody, _nobodyHash.Value, password);
            return new SignInResult(SignInOutcome.WrongCredentials);
        }

        var now = time.GetUtcNow();
        if (user.IsLockedOut(now))
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: user.LockedUntil);
        }
        // The attempt is counted before the password is checked, so a burst of guesses at once gets five checks, not
        // one each; a right password among them cannot reset a count the others have already used up.
        if (await users.ReserveSignInAttemptAsync(user.Id, MaxFailedAttempts, now, cancellationToken) is not { } attempt)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: (await users.FindByEmailAsync(email, cancellationToken))?.LockedUntil ?? now + LockoutDuration);
        }

        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            if (attempt >= MaxFailedAttempts)
            {
                var until = now + LockoutDuration;
                await users.LockAsync(user.Id, until, cancellationToken);
                return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
            }
            return new SignInResult(SignInOutcome.WrongCredentials);
        }

        // Only someone who knows the password learns that the account is disabled.
        if (user.DisabledAt is not null)
        {
            return new SignInResult(SignInOutcome.Disabled);
        }

        var rehashed = verification == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : null;
        await users.RecordSuccessfulSignInAsync(user.Id, rehashed, cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, user);
    }
}
