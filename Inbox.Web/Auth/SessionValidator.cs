using Inbox.Core.ApiTokens;
using Inbox.Core.Users;
using Microsoft.Extensions.Caching.Memory;
using System.Security.Claims;

namespace Inbox.Web.Auth;

/// <summary>
/// Ends sessions whose user was disabled, removed, demoted or given a new password, and connections made with an API
/// token since revoked. The stored user (and token) is looked up at most once per <see cref="CheckInterval"/>, so each
/// request or check does not cost a query.
/// </summary>
public sealed class SessionValidator
{
    private readonly UserStore _users;
    private readonly ApiTokenStore _tokens;
    private readonly IMemoryCache _cache;

    public SessionValidator(UserStore users, ApiTokenStore tokens, IMemoryCache cache, UserChanges changes)
    {
        _users = users;
        _tokens = tokens;
        _cache = cache;
        // A change made on this node applies at the next check, not when the cached copy expires.
        changes.Changed += Forget;
    }

    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId() is not { } id)
        {
            return false;
        }
        return principal.IsCurrentFor(await FindAsync(id, cancellationToken))
            && (principal.ApiTokenId() is not { } tokenId || await IsTokenActiveAsync(tokenId, cancellationToken));
    }

    private async Task<bool> IsTokenActiveAsync(long tokenId, CancellationToken cancellationToken) =>
        await _cache.GetOrCreateAsync(("api-token", tokenId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CheckInterval;
            return _tokens.IsActiveAsync(tokenId, cancellationToken);
        });

    /// <summary>The stored user as last read, at most <see cref="CheckInterval"/> old.</summary>
    public Task<User?> FindAsync(long id, CancellationToken cancellationToken) =>
        _cache.GetOrCreateAsync(("session-user", id), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CheckInterval;
            return _users.FindByIdAsync(id, cancellationToken);
        });

    private void Forget(UserChange change)
    {
        _cache.Remove(("session-user", change.UserId));
        if (change.ApiTokenId is { } tokenId)
        {
            _cache.Remove(("api-token", tokenId));
        }
    }
}
