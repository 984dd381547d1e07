namespace Inbox.Core.Users;

public sealed record User
{
    public long Id { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public UserRole Role { get; init; }
    public required string PasswordHash { get; init; }
    public required string SecurityStamp { get; init; }
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>How many open or pending conversations round-robin assignment gives this person at most.</summary>
    public int MaxOpenConversations { get; init; } = 20;
    /// <summary>The interface language this person chose ('en' or 'fr'); null follows their browser.</summary>
    public string? Language { get; init; }

    /// <summary>The IANA time zone the person's browser last reported; null until it has.</summary>
    public string? TimeZone { get; init; }

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
