using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Inbox.Web.Auth;

/// <summary>
/// A Blazor circuit keeps the user it started with; this re-checks it every 15 s so that a disabled or demoted user
/// loses access in open tabs too, not only on their next page load. Every page says who may see it ([Authorize]), so
/// the router takes the page, and with it every live subscription, away as soon as the check fails. The stored user is
/// cached for <see cref="SessionValidator.CheckInterval"/>: a change made on this node applies at the next check, one
/// made elsewhere (the command line, another node) within 45 s.
/// </summary>
public sealed class RevalidatingUserStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(15);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        return await sessions.IsValidAsync(authenticationState.User, cancellationToken);
    }
}
