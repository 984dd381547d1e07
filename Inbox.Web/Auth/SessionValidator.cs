using Inbox.Core.Users;
using Microsoft.Extensions.Caching.Memory;
using System.Security.Claims;

namespace Inbox.Web.Auth;

/// <summary>
/// Ends sessions whose user was disabled, removed, demoted or given a new password. The stored user is looked up
/// at most once per <see cref="CheckInterval"/> per user, so each request does not cost a query.
/// </summary>
public sealed class SessionValidator(UserStore users, IMemoryCache cache)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId() is not { } id)
        {
            return false;
        }
        return principal.IsCurrentFor(await FindAsync(id, cancellationToken));
    }

    /// <summary>The stored user as last read, at most <see cref="CheckInterval"/> old.</summary>
    public Task<User?> FindAsync(long id, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(("session-user", id), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CheckInterval;
            return users.FindByIdAsync(id, cancellationToken);
        });

    /// <summary>Forgets what is cached for a user, so a change made here applies on their next request.</summary>
    public void Forget(long userId) => cache.Remove(("session-user", userId));
}
