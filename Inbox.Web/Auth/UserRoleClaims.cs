using System.Security.Claims;
using Inbox.Core.Users;

namespace Inbox.Web.Auth;

public static class UserRoleClaims
{
    /// <summary>The signed-in user's role; Agent, the least, when the claim is missing or unknown.</summary>
    public static UserRole Role(this ClaimsPrincipal principal) =>
        Enum.TryParse<UserRole>(principal.FindFirstValue(ClaimTypes.Role), out var role) ? role : UserRole.Agent;
}
