using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Operations;

/// <summary>A scraper's bearer token, compared in constant time with Operations:MetricsToken.</summary>
public static class MetricsToken
{
    public static bool Matches(HttpContext context)
    {
        var expected = context.RequestServices.GetRequiredService<IOptions<OperationsOptions>>().Value.MetricsToken;
        var header = context.Request.Headers.Authorization.ToString();
        return expected.Length > 0 && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(expected));
    }
}
