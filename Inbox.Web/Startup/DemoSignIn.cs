using Inbox.Core.Demo;
using Inbox.Core.Users;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Startup;

/// <summary>The demo admin's sign-in, shown to newcomers in demo mode only.</summary>
public sealed class DemoSignIn(IOptions<DemoOptions> options)
{
    private readonly Lazy<DemoUser?> _admin = new(() => options.Value.Enabled
        ? DemoBusiness.LoadAsync(options.Value.SeedPath, CancellationToken.None).GetAwaiter().GetResult()
            .Users.FirstOrDefault(u => u.Role == UserRole.Admin)
        : null);

    /// <summary>Null outside demo mode.</summary>
    public DemoUser? Admin => _admin.Value;
}
