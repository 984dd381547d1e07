using System.Collections.Concurrent;
using System.Security.Cryptography;
using Inbox.Core.Pages;

namespace Inbox.Web.Features.Settings.Facebook;

/// <summary>Why Facebook Login did not give Pages to pick from.</summary>
public enum LoginFailure
{
    None,
    /// <summary>The admin cancelled the dialog or refused every permission.</summary>
    Denied,
    /// <summary>The state came back different: not started here, or started in another tab, or forged.</summary>
    StateMismatch,
    /// <summary>Meta refused the code or the token calls (details in <see cref="PendingLogin.Detail"/>).</summary>
    Exchange,
    /// <summary>This server has no Meta app id or secret, so there is no dialog to send the admin to.</summary>
    NotConfigured,
}

/// <summary>The outcome of one Facebook Login, held for the admin who started it while they pick Pages.</summary>
public sealed record PendingLogin(long UserId, FacebookLogin.Choice? Choice, LoginFailure Failure, string? Detail, DateTimeOffset ExpiresAt)
{
    /// <summary>Set once the Pages are connected: what was done, shown again if the admin reloads the page.</summary>
    public IReadOnlyList<FacebookLogin.Connected>? Connected { get; init; }
}

/// <summary>
/// Page tokens between the callback and the admin's pick, in this node's memory only, for 15 minutes, and only for
/// the admin who signed in: they never reach the browser. Browsers are sticky to a node (docs/deploy.md), so the
/// callback and the page that follows it meet here.
/// </summary>
public sealed class PendingLogins(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, PendingLogin> _logins = new();

    public string Add(long userId, FacebookLogin.Choice? choice, LoginFailure failure, string? detail = null)
    {
        var now = time.GetUtcNow();
        foreach (var (key, old) in _logins)
        {
            if (old.ExpiresAt < now)
            {
                _logins.TryRemove(key, out _);
            }
        }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _logins[id] = new PendingLogin(userId, choice, failure, detail, now + Lifetime);
        return id;
    }

    public PendingLogin? Find(string id, long userId) =>
        _logins.TryGetValue(id, out var login) && login.UserId == userId && login.ExpiresAt >= time.GetUtcNow() ? login : null;

    /// <summary>Once the Pages are connected the tokens are not kept here any longer; what was connected is, until the login expires.</summary>
    public void Complete(string id, IReadOnlyList<FacebookLogin.Connected> connected)
    {
        if (_logins.TryGetValue(id, out var login))
        {
            _logins[id] = login with { Choice = null, Connected = connected };
        }
    }
}
