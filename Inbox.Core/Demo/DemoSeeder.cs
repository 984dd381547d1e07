using Inbox.Core.Pages;
using Inbox.Core.SavedReplies;
using Inbox.Core.Storage;
using Inbox.Core.Users;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Demo;

/// <summary>
/// Loads the demo business once per database. A marker records that it ran, so edits, deletions and
/// password changes made afterwards are never overwritten or undone by a later start.
/// </summary>
public sealed partial class DemoSeeder(
    PageStore pages, UserStore users, SavedReplyStore savedReplies, AppSettingStore settings, ILogger<DemoSeeder> logger)
{
    public const string MarkerKey = "demo.seeded";

    /// <summary>Returns true when it loaded the data now, false when it had been loaded before.</summary>
    public async Task<bool> SeedOnceAsync(DemoBusiness business, CancellationToken cancellationToken)
    {
        if (await settings.GetAsync(MarkerKey, cancellationToken) is not null)
        {
            return false;
        }

        if (await pages.AddIfMissingAsync(business.Page.Id, business.Page.Name, business.Page.TimeZone, cancellationToken))
        {
            // The demo Page talks to the sandbox Graph API, which accepts the token stored for the Page.
            await pages.SetAccessTokenAsync(business.Page.Id, "sandbox-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), cancellationToken);
        }
        foreach (var user in business.Users)
        {
            if (await users.FindByEmailAsync(user.Email, cancellationToken) is null)
            {
                await users.AddAsync(user.Email, user.Name, user.Role, user.Password, cancellationToken);
            }
        }
        foreach (var reply in business.SavedReplies)
        {
            await savedReplies.AddTeamReplyIfMissingAsync(reply.Title, reply.Shortcut, reply.Language, reply.Body, cancellationToken);
        }

        await settings.SetAsync(MarkerKey, "1", cancellationToken);
        LogSeeded(business.Page.Name, business.Users.Count, business.SavedReplies.Count);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the demo business {PageName}: {UserCount} users, {ReplyCount} saved replies")]
    private partial void LogSeeded(string pageName, int userCount, int replyCount);
}
