using System.Globalization;

namespace Inbox.Core.Conversations;

/// <summary>Where a conversation came from, by the source of its latest referral. Meta's set of sources is open.</summary>
public sealed class ConversationOrigin
{
    public const string Ads = "ADS";
    public const string Shortlink = "SHORTLINK";
    public const string MessengerCode = "MESSENGER_CODE";
    public const string ChatPlugin = "CUSTOMER_CHAT_PLUGIN";

    /// <summary>The filter value for conversations no referral brought.</summary>
    public const string None = "none";

    /// <summary>The inbox filter's choices, in the order shown.</summary>
    public static IReadOnlyList<string> Known { get; } = [Ads, Shortlink, MessengerCode, ChatPlugin];

    private ConversationOrigin()
    {
    }

    /// <summary>"an ad", "an m.me link"... in the current language, to follow "Came from".</summary>
    public static string Describe(string? source) => Describe(source, CultureInfo.CurrentUICulture);

    public static string Describe(string? source, CultureInfo culture) => source switch
    {
        Ads => CoreText.Get<ConversationOrigin>(culture, "Ad"),
        Shortlink => CoreText.Get<ConversationOrigin>(culture, "Shortlink"),
        MessengerCode => CoreText.Get<ConversationOrigin>(culture, "MessengerCode"),
        ChatPlugin => CoreText.Get<ConversationOrigin>(culture, "ChatPlugin"),
        null or None => CoreText.Get<ConversationOrigin>(culture, "NoReferral"),
        _ => CoreText.Get<ConversationOrigin>(culture, "Other", source.ToLowerInvariant().Replace('_', ' ')),
    };
}
