using System.Globalization;
using Inbox.Core.Meta;

namespace Inbox.Core.Conversations;

/// <summary>
/// The one line shown for a message in the conversation list. It is stored in English, since the worker that writes
/// it has no reader; <see cref="Shown"/> puts the words Inbox wrote (not the customer's) in the reader's language.
/// </summary>
public sealed class MessagePreview
{
    public const int MaxLength = 140;

    private static readonly CultureInfo s_stored = CultureInfo.InvariantCulture;
    private static readonly string[] s_labels = ["Photo", "Video", "VoiceMessage", "File", "Sticker", "Link", "Location", "Reel", "SharedPost", "TemplateMessage"];
    private static readonly Lazy<Dictionary<string, Func<string>>> s_wordsOfInbox = new(WordsOfInbox);

    private MessagePreview()
    {
    }

    public static string For(string? text, IReadOnlyList<Attachment> attachments)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            var line = text.ReplaceLineEndings(" ").Trim();
            return line.Length <= MaxLength ? line : line[..(MaxLength - 1)] + "…";
        }
        return attachments.Count == 0 ? "" : attachments[0].Type switch
        {
            "image" => Label(s_stored, "Photo"),
            "video" => Label(s_stored, "Video"),
            "audio" => Label(s_stored, "VoiceMessage"),
            "file" => Label(s_stored, "File"),
            "sticker" => Label(s_stored, "Sticker"),
            "fallback" => attachments[0].Title ?? Label(s_stored, "Link"),
            "location" => Label(s_stored, "Location"),
            "reel" or "ig_reel" => Label(s_stored, "Reel"),
            "post" or "ig_post" => attachments[0].Title ?? Label(s_stored, "SharedPost"),
            "template" or "product" => attachments[0].Title ?? Label(s_stored, "TemplateMessage"),
            var other => char.ToUpperInvariant(other[0]) + other[1..],
        };
    }

    /// <summary>The line for a conversation a referral opened ("Came from an ad").</summary>
    public static string CameFrom(string? source) => CameFromIn(s_stored, source);

    /// <summary>A stored preview as the reader should see it: Inbox's own words translated, the customer's as written.</summary>
    public static string Shown(string stored) => s_wordsOfInbox.Value.TryGetValue(stored, out var inReadersLanguage) ? inReadersLanguage() : stored;

    private static string Label(CultureInfo culture, string name) => CoreText.Get<MessagePreview>(culture, $"Label{name}");

    private static string CameFromIn(CultureInfo culture, string? source)
    {
        var origin = ConversationOrigin.Describe(source, culture);
        return CoreText.Get<MessagePreview>(culture, "CameFrom", origin);
    }

    // Each stored English line Inbox writes, with how to say it in the current language.
    private static Dictionary<string, Func<string>> WordsOfInbox()
    {
        var words = s_labels.ToDictionary(name => Label(s_stored, name), name => (Func<string>)(() => Label(CultureInfo.CurrentUICulture, name)));
        foreach (var source in ConversationOrigin.Known.Append(ConversationOrigin.None))
        {
            words[CameFromIn(s_stored, source)] = () => CameFromIn(CultureInfo.CurrentUICulture, source);
        }
        return words;
    }
}
