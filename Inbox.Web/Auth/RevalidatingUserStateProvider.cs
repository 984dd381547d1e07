using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Inbox.Web.Auth;

/// <summary>
/// A Blazor circuit keeps the user it started with; this re-checks it every minute so that a disabled or demoted
/// user loses access in open tabs too, not only on their next page load.
/// </summary>
public sealed class RevalidatingUserStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        return await sessions.IsValidAsync(authenticationState.User, cancellationToken);
    }
}
