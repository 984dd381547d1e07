namespace Inbox.Core.Users;

/// <summary>
/// Counts password checks in memory, per source (an IP address) and per source and account, so that one source can
/// neither guess at length nor lock a person out everywhere: five failures lock that account for that source only (the
/// person signing in from elsewhere is not affected), thirty lock the source for every account. An unknown email is
/// counted exactly like an account, so the answers never tell which emails exist. Attempts are reserved before the
/// password is checked, so a burst at once gets the same number of checks as the same attempts one by one.
/// The counts live on this node; the account-wide limit in the database holds across nodes and restarts.
/// </summary>
public sealed class SignInThrottle
{
    public const int PerSourceAndAccount = 5;
    public const int PerSource = 30;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    // Beyond this many sources and accounts in memory, the oldest half of the counts is forgotten.
    private const int MaxEntries = 100_000;

    private readonly TimeProvider _time;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public SignInThrottle(TimeProvider time, UserChanges changes)
    {
        _time = time;
        // An admin's unlock (or a new password) clears this node's locks on the account too.
        changes.Changed += change => Forget(AccountKey(change.UserId));
    }

    /// <summary>An account's key: its id when it exists, its email when it does not (counted all the same).</summary>
    public static string AccountKey(long userId) => FormattableString.Invariant($"user:{userId}");

    public static string UnknownAccountKey(string normalizedEmail) => "email:" + normalizedEmail;

    /// <summary>
    /// Takes one check for the source and account: refused (until when, and why), or allowed, with when the account
    /// is locked for this source should this check fail (it is the last one).
    /// </summary>
    public SignInCheck Reserve(string source, string account)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var bySource = Current("source|" + source, now);
            var byAccount = Current(source + "|" + account, now);
            if (bySource.LockedUntil is { } sourceUntil)
            {
                return new SignInCheck(new SignInRefusal(sourceUntil, WholeSource: true), null);
            }
            if (byAccount.LockedUntil is { } accountUntil)
            {
                return new SignInCheck(new SignInRefusal(accountUntil, WholeSource: false), null);
            }
            Take(bySource, PerSource, now);
            Take(byAccount, PerSourceAndAccount, now);
            return new SignInCheck(null, byAccount.LockedUntil);
        }
    }

    /// <summary>A right password: the source's failures on that account are forgotten, and its check is given back.</summary>
    public void Succeeded(string source, string account)
    {
        lock (_lock)
        {
            _entries.Remove(source + "|" + account);
            // A team behind one address signs in many times a day: only failures count against the source.
            if (_entries.TryGetValue("source|" + source, out var bySource) && --bySource.Attempts < PerSource)
            {
                bySource.LockedUntil = null;
            }
        }
    }

    private void Forget(string account)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(key => key.EndsWith("|" + account, StringComparison.Ordinal)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private Entry Current(string key, DateTimeOffset now)
    {
        if (_entries.TryGetValue(key, out var entry) && now < entry.Expires)
        {
            return entry;
        }
        if (_entries.Count >= MaxEntries)
        {
            foreach (var stale in _entries.OrderBy(pair => pair.Value.Expires).Take(MaxEntries / 2).Select(pair => pair.Key).ToList())
            {
                _entries.Remove(stale);
            }
        }
        return _entries[key] = new Entry { Expires = now + LockDuration };
    }

    private static void Take(Entry entry, int limit, DateTimeOffset now)
    {
        entry.Attempts++;
        entry.Expires = now + LockDuration;
        if (entry.Attempts >= limit)
        {
            entry.LockedUntil = now + LockDuration;
        }
    }

    private sealed class Entry
    {
        public int Attempts { get; set; }

        public DateTimeOffset Expires { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }
    }
}

/// <summary>A password check: refused, or allowed (and the last one the source has on the account when <see cref="LockedIfWrong"/> is set).</summary>
public sealed record SignInCheck(SignInRefusal? Refusal, DateTimeOffset? LockedIfWrong);

/// <summary>A check refused until <see cref="Until"/>: for this account from this source, or for the whole source.</summary>
public sealed record SignInRefusal(DateTimeOffset Until, bool WholeSource);
