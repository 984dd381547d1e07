namespace Inbox.Core.Conversations;

/// <summary>Where a conversation came from, by the source of its latest referral. Meta's set of sources is open.</summary>
public static class ConversationOrigin
{
    public const string Ads = "ADS";
    public const string Shortlink = "SHORTLINK";
    public const string MessengerCode = "MESSENGER_CODE";
    public const string ChatPlugin = "CUSTOMER_CHAT_PLUGIN";

    /// <summary>The filter value for conversations no referral brought.</summary>
    public const string None = "none";

    /// <summary>The inbox filter's choices, in the order shown.</summary>
    public static IReadOnlyList<string> Known { get; } = [Ads, Shortlink, MessengerCode, ChatPlugin];

    public static string Describe(string? source) => source switch
    {
        Ads => "an ad",
        Shortlink => "an m.me link",
        MessengerCode => "a Messenger Code",
        ChatPlugin => "the website chat plugin",
        null or None => "no referral",
        _ => $"a referral ({source.ToLowerInvariant().Replace('_', ' ')})",
    };
}
