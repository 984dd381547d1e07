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

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
