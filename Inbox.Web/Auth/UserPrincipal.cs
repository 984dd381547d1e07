using System.Globalization;
using System.Security.Claims;
using Inbox.Core.Users;

namespace Inbox.Web.Auth;

/// <summary>The claims a signed-in user carries, for cookies and API tokens alike.</summary>
public static class UserPrincipal
{
    public const string SecurityStampClaim = "inbox:security_stamp";

    /// <summary>Which personal API token a program signed in with, so a connection made with it ends when it is revoked.</summary>
    public const string ApiTokenClaim = "inbox:api_token";

    public static ClaimsPrincipal Create(User user, string authenticationScheme, long? apiTokenId = null) => new(new ClaimsIdentity(
        [
            .. apiTokenId is { } tokenId ? [new Claim(ApiTokenClaim, tokenId.ToString(CultureInfo.InvariantCulture))] : Array.Empty<Claim>(),
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Role, user.Role.ToString()),
            new Claim(SecurityStampClaim, user.SecurityStamp),
        ],
        authenticationScheme));

    public static long? UserId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static long? ApiTokenId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ApiTokenClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Whether the session still matches the stored user (not removed, disabled, or changed since sign-in).</summary>
    public static bool IsCurrentFor(this ClaimsPrincipal principal, User? user) =>
        user is not null && user.DisabledAt is null && principal.FindFirstValue(SecurityStampClaim) == user.SecurityStamp;
}
