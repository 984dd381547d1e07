using Microsoft.AspNetCore.Identity;

namespace Inbox.Core.Users;

public enum SignInOutcome
{
    Succeeded,
    WrongCredentials,
    LockedOut,
    Disabled,
}

public sealed record SignInResult(SignInOutcome Outcome, User? User = null, DateTimeOffset? LockedUntil = null, bool SourceLocked = false);

/// <summary>
/// Checks a password and applies the lock-out rules: five failures lock an account for the source they came from
/// (<see cref="SignInThrottle"/>), twenty from anywhere lock it everywhere, until an admin unlocks it or the lock
/// expires. An unknown email gets the same answers, in the same time, as an account.
/// </summary>
public sealed class PasswordSignIn(UserStore users, IPasswordHasher<User> hasher, SignInThrottle throttle, TimeProvider time)
{
    public const int MaxFailedAttempts = SignInThrottle.PerSourceAndAccount;
    public const int MaxFailedAttemptsFromAnywhere = 20;
    public static readonly TimeSpan LockoutDuration = SignInThrottle.LockDuration;

    // Verifying against this keeps an unknown email as slow as a wrong password, so timing does not reveal accounts.
    private static readonly User s_nobody = new() { Email = "", DisplayName = "", PasswordHash = "", SecurityStamp = "" };
    private readonly Lazy<string> _nobodyHash = new(() => hasher.HashPassword(s_nobody, Guid.NewGuid().ToString()));

    /// <param name="source">Where the attempt comes from (the client's IP address).</param>
    public async Task<SignInResult> SignInAsync(string email, string password, string source, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email, cancellationToken);
        var account = user is null ? SignInThrottle.UnknownAccountKey(UserStore.NormalizeEmail(email)) : SignInThrottle.AccountKey(user.Id);
        var check = throttle.Reserve(source, account);
        if (check.Refusal is { } refusal)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: refusal.Until, SourceLocked: refusal.WholeSource);
        }
        if (user is null)
        {
            hasher.VerifyHashedPassword(s_nobody, _nobodyHash.Value, password);
            return Failed(check);
        }

        var now = time.GetUtcNow();
        if (user.IsLockedOut(now))
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: user.LockedUntil);
        }
        // The attempt is counted before the password is checked, so a burst of guesses at once gets the same number of
        // checks as one by one; a right password among them cannot reset a count the others have already used up.
        if (await users.ReserveSignInAttemptAsync(user.Id, MaxFailedAttemptsFromAnywhere, now, cancellationToken) is not { } attempt)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: (await users.FindByEmailAsync(email, cancellationToken))?.LockedUntil ?? now + LockoutDuration);
        }

        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            if (attempt >= MaxFailedAttemptsFromAnywhere)
            {
                var until = now + LockoutDuration;
                await users.LockAsync(user.Id, until, cancellationToken);
                return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
            }
            return Failed(check);
        }
        throttle.Succeeded(source, account);

        // Only someone who knows the password learns that the account is disabled.
        if (user.DisabledAt is not null)
        {
            return new SignInResult(SignInOutcome.Disabled);
        }

        var rehashed = verification == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : null;
        await users.RecordSuccessfulSignInAsync(user.Id, rehashed, cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, user);
    }

    // The failure that used up the source's checks on the account says so at once, for an unknown email too.
    private static SignInResult Failed(SignInCheck check) => check.LockedIfWrong is { } until
        ? new SignInResult(SignInOutcome.LockedOut, LockedUntil: until)
        : new SignInResult(SignInOutcome.WrongCredentials);
}
