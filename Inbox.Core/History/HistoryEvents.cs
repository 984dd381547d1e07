using Inbox.Core.Meta;

namespace Inbox.Core.History;

/// <summary>What the Conversations and feed APIs return, as the events a webhook would have brought.</summary>
public static class HistoryEvents
{
    /// <summary>A person's message, or the Page's (then to the person it names); null when the person is not named.</summary>
    public static PlatformEvent? FromMessage(string pageId, GraphClient.HistoryMessage message, DateTimeOffset at)
    {
        var attachments = Attachments(message.Attachments);
        if (message.From?.Id == pageId)
        {
            return message.To?.Data?.FirstOrDefault(p => p.Id is not null && p.Id != pageId)?.Id is { } psid
                ? new PageEcho(pageId, psid, at, message.Id!, Text(message.Message), attachments, null, null)
                : null;
        }
        return message.From?.Id is { } from ? new CustomerMessage(pageId, from, at, message.Id!, Text(message.Message), attachments, null) : null;
    }

    public static CommentChanged FromComment(string pageId, string postId, GraphClient.HistoryComment comment, DateTimeOffset at) =>
        // Without pages_read_user_content Meta leaves "from" out: the comment comes all the same, by an unnamed person.
        new(pageId, comment.From?.Id ?? "", at, CommentVerb.Added, comment.Id!, postId, comment.Parent?.Id ?? postId, comment.From?.Name, comment.Message, null);

    // The Conversations API sends "" for a message that is only an attachment.
    private static string? Text(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static IReadOnlyList<Attachment> Attachments(GraphClient.HistoryAttachments? attachments) =>
        [.. (attachments?.Data ?? []).Select(a => a switch
        {
            { ImageData.Url: { } url } => new Attachment("image", url, a.Name, null),
            { VideoData.Url: { } url } => new Attachment("video", url, a.Name, null),
            _ => new Attachment(a.MimeType?.StartsWith("audio/", StringComparison.Ordinal) == true ? "audio" : "file", a.FileUrl, a.Name, null),
        })];
}
