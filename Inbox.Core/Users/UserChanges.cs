namespace Inbox.Core.Users;

/// <summary>
/// Published by <see cref="UserStore"/> and the API token store whenever a user or one of their tokens changes
/// (password, role, disabled, language, revoked token), so what this node caches about sessions is forgotten and open
/// connections are re-checked at once instead of at the next round. Other nodes hear of it through
/// <see cref="Nodes.UserChangeRelay"/>; the command line is not heard: the periodic checks cover it.
/// </summary>
public sealed class UserChanges : WakeSignal
{
    public event Action<UserChange>? Changed;

    public void Publish(UserChange change)
    {
        Changed?.Invoke(change);
        Pulse();
    }
}

/// <summary>Which user changed, and which of their API tokens when only that changed.</summary>
public sealed record UserChange(long UserId, long? ApiTokenId = null)
{
    public bool FromOtherNode { get; init; }
}
