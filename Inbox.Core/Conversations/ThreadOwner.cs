namespace Inbox.Core.Conversations;

/// <summary>Names the app that owns a Messenger thread (handover protocol / conversation routing) for people.</summary>
public sealed class ThreadOwner
{
    /// <summary>Meta's own Page Inbox (Business Suite), as its app id appears in echoes and handovers.</summary>
    public const string PageInboxAppId = "263902037430900";

    /// <summary>Stored when the Page's primary receiver took the thread without naming itself.</summary>
    public const string PrimaryReceiver = "primary";

    /// <summary>True when the thread is ours to answer: nobody took it, or it was passed back to this app.</summary>
    public static bool IsOurs(string? ownerAppId, string? ourAppId) =>
        ownerAppId is null || (ourAppId is { Length: > 0 } && ownerAppId == ourAppId);

    private ThreadOwner()
    {
    }

    /// <summary>The owner's name in the current language, lower case unless it is a name ("Meta's Page Inbox").</summary>
    public static string Describe(string? appId, string? ourAppId) => appId switch
    {
        _ when IsOurs(appId, ourAppId) => CoreText.Get<ThreadOwner>("Inbox"),
        PageInboxAppId => CoreText.Get<ThreadOwner>("PageInbox"),
        PrimaryReceiver => CoreText.Get<ThreadOwner>("PrimaryReceiver"),
        _ => CoreText.Get<ThreadOwner>("OtherApp", appId),
    };
}
