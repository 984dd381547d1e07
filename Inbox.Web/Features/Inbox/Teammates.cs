using Inbox.Core.Users;

namespace Inbox.Web.Features.Inbox;

/// <summary>
/// The active teammates' names, read once per circuit: what @mentions are picked from and marked by. A person added
/// meanwhile shows after a reload; mentions are resolved on the server when the note is saved either way.
/// </summary>
public sealed class Teammates(UserStore users)
{
    private IReadOnlyList<(long Id, string Name)>? _names;

    public async Task<IReadOnlyList<(long Id, string Name)>> NamesAsync(CancellationToken cancellationToken) =>
        _names ??= [.. (await users.ListAsync(cancellationToken)).Where(u => u.DisabledAt is null).Select(u => (u.Id, u.DisplayName)).OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
}
