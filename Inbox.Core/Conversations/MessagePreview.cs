using Inbox.Core.Meta;

namespace Inbox.Core.Conversations;

/// <summary>The one line shown for a message in the conversation list.</summary>
public static class MessagePreview
{
    public const int MaxLength = 140;

    public static string For(string? text, IReadOnlyList<Attachment> attachments)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            var line = text.ReplaceLineEndings(" ").Trim();
            return line.Length <= MaxLength ? line : line[..(MaxLength - 1)] + "…";
        }
        return attachments.Count == 0 ? "" : attachments[0].Type switch
        {
            "image" => "Photo",
            "video" => "Video",
            "audio" => "Voice message",
            "file" => "File",
            "sticker" => "Sticker",
            "fallback" => attachments[0].Title ?? "Link",
            "location" => "Location",
            "reel" or "ig_reel" => "Reel",
            "post" or "ig_post" => attachments[0].Title ?? "Shared post",
            "template" => "Template message",
            var other => char.ToUpperInvariant(other[0]) + other[1..],
        };
    }
}
