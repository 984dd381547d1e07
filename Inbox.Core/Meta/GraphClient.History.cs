using System.Globalization;

namespace Inbox.Core.Meta;

/// <summary>
/// The Page's history, read page by page: its Messenger conversations (the Conversations API) with their messages,
/// and its posts with their comments. Each list is newest first; each answer names the next page in
/// <c>paging.next</c>, which is kept as a path on the Graph API (no host, no token), so a resumed import asks the
/// same server and the token stays in the Authorization header.
/// </summary>
public sealed partial class GraphClient
{
    public sealed record HistoryPage<T>(IReadOnlyList<T> Rows, string? Next, GraphUsage Usage);

    public sealed record Person(string? Id, string? Name, string? Email);

    public sealed record People(IReadOnlyList<Person>? Data);

    public sealed record HistoryConversation(string? Id, string? UpdatedTime, People? Participants);

    public sealed record HistoryMessage(string? Id, string? CreatedTime, Person? From, People? To, string? Message, HistoryAttachments? Attachments);

    public sealed record HistoryAttachments(IReadOnlyList<HistoryAttachment>? Data);

    public sealed record HistoryAttachment(string? MimeType, string? Name, HistoryImage? ImageData, string? FileUrl, HistoryImage? VideoData);

    public sealed record HistoryImage(string? Url);

    public sealed record HistoryPost(string? Id, string? Message, string? CreatedTime, string? PermalinkUrl);

    public sealed record HistoryComment(string? Id, string? Message, string? CreatedTime, Person? From, HistoryParent? Parent);

    public sealed record HistoryParent(string? Id);

    public static string ConversationsPath(string pageId, int limit) =>
        $"{pageId}/conversations?platform=messenger&fields=id,updated_time,participants&limit={limit}";

    public static string MessagesPath(string conversationId, int limit) =>
        $"{Uri.EscapeDataString(conversationId)}/messages?fields=id,created_time,from,to,message,attachments&limit={limit}";

    public static string FeedPath(string pageId, DateTimeOffset since, int limit) =>
        $"{pageId}/feed?fields=id,message,created_time,permalink_url&since={since.ToUnixTimeSeconds()}&limit={limit}";

    public static string CommentsPath(string postId, int limit) =>
        $"{Uri.EscapeDataString(postId)}/comments?fields=id,message,created_time,from,parent{{id}}&filter=stream&order=reverse_chronological&limit={limit}";

    /// <summary>
    /// One page of a history list; <paramref name="path"/> is one of the paths above or a page's <see cref="HistoryPage{T}.Next"/>.
    /// Outside the Page's circuit: a history that is slow to read must not pause the Page's replies.
    /// </summary>
    public async Task<(HistoryPage<T> Page, GraphError? Error)> ReadHistoryAsync<T>(string path, string pageToken, CancellationToken cancellationToken)
    {
        var (answer, error, usage) = await CallWithUsageAsync<ListResponse<T>>(HttpMethod.Get, path, pageToken, null, new(null, Idempotent: true), cancellationToken);
        if (error is not null)
        {
            return (new HistoryPage<T>([], null, usage), error);
        }
        return answer?.Data is not { } rows
            ? (new HistoryPage<T>([], null, usage), GraphError.Unreadable("Meta's answer had no data."))
            : (new HistoryPage<T>(rows, GraphPath(answer.Paging?.Next), usage), null);
    }

    /// <summary>Meta's times in lists: <c>2026-11-30T10:04:05+0000</c>.</summary>
    public static DateTimeOffset? ParseTime(string? value)
    {
        if (value is { Length: 24 } && value[19] is '+' or '-' && value[22] != ':')
        {
            value = value.Insert(22, ":");
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    /// <summary>The time as Meta writes it in lists.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    // "https://graph.facebook.com/v21.0/123/conversations?...&after=X&access_token=..." -> "123/conversations?...&after=X".
    internal static string? GraphPath(string? next)
    {
        if (next is null || !Uri.TryCreate(next, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var version = Array.FindIndex(segments, s => s.Length > 1 && s[0] == 'v' && char.IsAsciiDigit(s[1]) && s.Contains('.', StringComparison.Ordinal));
        if (version < 0 || version == segments.Length - 1)
        {
            return null;
        }
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith("access_token=", StringComparison.Ordinal));
        return string.Join('/', segments[(version + 1)..]) + "?" + string.Join('&', query);
    }

    private sealed record ListResponse<T>(IReadOnlyList<T>? Data, ListPaging? Paging);

    private sealed record ListPaging(ListCursors? Cursors, string? Next);

    private sealed record ListCursors(string? Before, string? After);
}
