using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Core.Meta;

/// <summary>
/// Calls the Graph API over HTTP: Meta's, or the sandbox standing in for it. The Page token travels in the
/// Authorization header, never in the URL, so it cannot end up in request logs.
/// </summary>
public sealed class GraphClient(HttpClient http, GraphEndpoint endpoint)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record SendResult(string? MessageId, GraphError? Error)
    {
        public bool Succeeded => Error is null;

        /// <summary>The PSID Meta names in its answer (for a private reply, the commenter's).</summary>
        public string? RecipientId { get; init; }
    }

    /// <summary>Sends a text reply: <c>RESPONSE</c> inside the standard window, or <c>MESSAGE_TAG</c> with the given tag.</summary>
    public async Task<SendResult> SendTextAsync(
        string pageId, string accessToken, string psid, string text, string metadata, IReadOnlyList<string> quickReplies, string? tag, CancellationToken cancellationToken)
    {
        var buttons = quickReplies.Count == 0 ? null : quickReplies.Select(title => new QuickReply("text", title, title)).ToList();
        var request = new SendRequest(new Recipient(psid), tag is null ? "RESPONSE" : "MESSAGE_TAG", tag, new OutgoingMessage(text, metadata, buttons));
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint.Url($"{pageId}/messages"))
            {
                Content = JsonContent.Create(request, options: s_json),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await http.SendAsync(message, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var accepted = await response.Content.ReadFromJsonAsync<SendResponse>(s_json, cancellationToken);
                return new SendResult(accepted?.MessageId, accepted?.MessageId is null ? GraphError.Transport("Meta's answer had no message_id.") : null);
            }
            return new SendResult(null, await ReadErrorAsync(response, cancellationToken));
        }
        catch (HttpRequestException exception)
        {
            return new SendResult(null, GraphError.Transport($"Meta could not be reached: {exception.Message}"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(null, GraphError.Transport("Meta did not answer in time."));
        }
    }

    /// <summary>A sender action (<c>mark_seen</c>, <c>typing_on</c>, <c>typing_off</c>); returns the error, or null when Meta accepted it.</summary>
    public async Task<GraphError?> SendSenderActionAsync(string pageId, string accessToken, string psid, string action, CancellationToken cancellationToken)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint.Url($"{pageId}/messages"))
            {
                Content = JsonContent.Create(new SenderActionRequest(new Recipient(psid), action), options: s_json),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await http.SendAsync(message, cancellationToken);
            return response.IsSuccessStatusCode ? null : await ReadErrorAsync(response, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return GraphError.Transport($"Meta could not be reached: {exception.Message}");
        }
    }

    /// <summary>A private reply to a comment: <c>recipient.comment_id</c>; Meta answers with the commenter's PSID.</summary>
    public async Task<SendResult> SendPrivateReplyAsync(string pageId, string accessToken, string commentId, string text, string metadata, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync<PrivateReplyResponse>(HttpMethod.Post, $"{pageId}/messages", accessToken,
            new PrivateReplyRequest(new CommentRecipient(commentId), new OutgoingMessage(text, metadata, null)), cancellationToken);
        return error is not null ? new SendResult(null, error)
            : answer?.MessageId is null || answer.RecipientId is null ? new SendResult(null, GraphError.Transport("Meta's answer had no message_id or recipient_id."))
            : new SendResult(answer.MessageId, null) { RecipientId = answer.RecipientId };
    }

    /// <summary>A public reply under a comment: <c>POST /{comment-id}/comments</c>; returns the new comment's id.</summary>
    public async Task<(string? CommentId, GraphError? Error)> ReplyToCommentAsync(string commentId, string accessToken, string text, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync<IdResponse>(HttpMethod.Post, $"{Uri.EscapeDataString(commentId)}/comments", accessToken, new CommentBody(text), cancellationToken);
        return (answer?.Id, error ?? (answer?.Id is null ? GraphError.Transport("Meta's answer had no id.") : null));
    }

    /// <summary>Hides or shows a comment: <c>POST /{comment-id} {is_hidden}</c>.</summary>
    public async Task<GraphError?> SetCommentHiddenAsync(string commentId, string accessToken, bool hidden, CancellationToken cancellationToken) =>
        (await CallAsync<SuccessResponse>(HttpMethod.Post, Uri.EscapeDataString(commentId), accessToken, new HiddenBody(hidden), cancellationToken)).Error;

    /// <summary>Deletes a comment: <c>DELETE /{comment-id}</c>.</summary>
    public async Task<GraphError?> DeleteCommentAsync(string commentId, string accessToken, CancellationToken cancellationToken) =>
        (await CallAsync<SuccessResponse>(HttpMethod.Delete, Uri.EscapeDataString(commentId), accessToken, null, cancellationToken)).Error;

    /// <summary>Likes a comment as the Page: <c>POST /{comment-id}/likes</c>.</summary>
    public async Task<GraphError?> LikeCommentAsync(string commentId, string accessToken, CancellationToken cancellationToken) =>
        (await CallAsync<SuccessResponse>(HttpMethod.Post, $"{Uri.EscapeDataString(commentId)}/likes", accessToken, null, cancellationToken)).Error;

    public sealed record Post(string? Id, string? Message, string? PermalinkUrl);

    /// <summary>A post's text and link: <c>GET /{post-id}?fields=message,permalink_url</c>.</summary>
    public Task<(Post? Result, GraphError? Error)> GetPostAsync(string postId, string accessToken, CancellationToken cancellationToken) =>
        CallAsync<Post>(HttpMethod.Get, $"{Uri.EscapeDataString(postId)}?fields=message,permalink_url", accessToken, null, cancellationToken);

    private async Task<(T? Result, GraphError? Error)> CallAsync<T>(HttpMethod method, string path, string accessToken, object? body, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var message = new HttpRequestMessage(method, endpoint.Url(path));
            if (body is not null)
            {
                message.Content = JsonContent.Create(body, body.GetType(), options: s_json);
            }
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await http.SendAsync(message, cancellationToken);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<T>(s_json, cancellationToken), null)
                : (null, await ReadErrorAsync(response, cancellationToken));
        }
        catch (HttpRequestException exception)
        {
            return (null, GraphError.Transport($"Meta could not be reached: {exception.Message}"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, GraphError.Transport("Meta did not answer in time."));
        }
    }

    public sealed record Profile(string? FirstName, string? LastName, string? ProfilePic);

    public sealed record ProfileResult(Profile? Profile, GraphError? Error);

    /// <summary>The User Profile API: <c>GET /{psid}?fields=first_name,last_name,profile_pic</c>.</summary>
    public async Task<ProfileResult> GetProfileAsync(string psid, string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, endpoint.Url($"{Uri.EscapeDataString(psid)}?fields=first_name,last_name,profile_pic"));
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await http.SendAsync(message, cancellationToken);
            return response.IsSuccessStatusCode
                ? new ProfileResult(await response.Content.ReadFromJsonAsync<Profile>(s_json, cancellationToken), null)
                : new ProfileResult(null, await ReadErrorAsync(response, cancellationToken));
        }
        catch (HttpRequestException exception)
        {
            return new ProfileResult(null, GraphError.Transport($"Meta could not be reached: {exception.Message}"));
        }
    }

    private static async Task<GraphError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ErrorEnvelope>(s_json, cancellationToken);
            if (body?.Error is { } error)
            {
                return new GraphError(error.Code, error.ErrorSubcode, error.Message ?? "Unknown error", error.Type, error.FbtraceId, response.StatusCode)
                {
                    RegainAccessAfter = BusinessUseCaseUsage.RegainAccessAfter(response.Headers),
                };
            }
        }
        catch (JsonException)
        {
        }
        return new GraphError(0, null, $"Meta answered HTTP {(int)response.StatusCode} without an error body.", null, null, response.StatusCode);
    }

    private sealed record SendRequest(Recipient Recipient, string MessagingType, string? Tag, OutgoingMessage Message);

    private sealed record Recipient(string Id);

    private sealed record SenderActionRequest(Recipient Recipient, string SenderAction);

    private sealed record CommentRecipient(string CommentId);

    private sealed record PrivateReplyRequest(CommentRecipient Recipient, OutgoingMessage Message);

    private sealed record PrivateReplyResponse(string? RecipientId, string? MessageId);

    private sealed record IdResponse(string? Id);

    private sealed record SuccessResponse(bool Success);

    private sealed record CommentBody(string Message);

    private sealed record HiddenBody(bool IsHidden);

    private sealed record OutgoingMessage(string Text, string Metadata, IReadOnlyList<QuickReply>? QuickReplies);

    private sealed record QuickReply(string ContentType, string Title, string Payload);

    private sealed record SendResponse(string? RecipientId, string? MessageId);

    private sealed record ErrorEnvelope(ErrorBody? Error);

    private sealed record ErrorBody(string? Message, string? Type, int Code, int? ErrorSubcode, string? FbtraceId);
}
