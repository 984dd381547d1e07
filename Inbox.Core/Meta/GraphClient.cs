using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Inbox.Core.Meta;

/// <summary>
/// Calls the Graph API over HTTP: Meta's, or the sandbox standing in for it. The Page token travels in the
/// Authorization header, never in the URL, so it cannot end up in request logs. Every call goes through the
/// factory's "graph" client, whose resilience pipeline (see <see cref="GraphResilience"/>) times calls out, retries
/// only what is safe to repeat, and breaks the circuit per Page while Meta keeps failing. Nothing here throws for
/// what Meta or the network does: every outcome is a result, and a send says when its outcome is unknown.
/// </summary>
public sealed partial class GraphClient(IHttpClientFactory clients, GraphEndpoint endpoint)
{
    public const string HttpClientName = "graph";

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

    /// <summary>Sends a text reply: <c>RESPONSE</c> inside the standard window, or <c>MESSAGE_TAG</c> with the given tag. Never retried here.</summary>
    public async Task<SendResult> SendTextAsync(
        string pageId, string accessToken, string psid, string text, string metadata, IReadOnlyList<string> quickReplies, string? tag, CancellationToken cancellationToken)
    {
        var buttons = quickReplies.Count == 0 ? null : quickReplies.Select(title => new QuickReply("text", title, title)).ToList();
        var request = new SendRequest(new Recipient(psid), tag is null ? "RESPONSE" : "MESSAGE_TAG", tag, new OutgoingMessage(text, metadata, buttons));
        var (accepted, error) = await CallAsync<SendResponse>(HttpMethod.Post, $"{pageId}/messages", accessToken, request, new(pageId, Idempotent: false), cancellationToken);
        return error is not null ? new SendResult(null, error)
            : accepted?.MessageId is null ? new SendResult(null, GraphError.Unreadable("Meta's answer had no message_id."))
            : new SendResult(accepted.MessageId, null);
    }

    /// <summary>A sender action (<c>mark_seen</c>, <c>typing_on</c>, <c>typing_off</c>); returns the error, or null when Meta accepted it.</summary>
    public async Task<GraphError?> SendSenderActionAsync(string pageId, string accessToken, string psid, string action, CancellationToken cancellationToken) =>
        // Showing "typing" or "seen" twice changes nothing, so these may be retried.
        (await CallAsync<JsonElement?>(HttpMethod.Post, $"{pageId}/messages", accessToken, new SenderActionRequest(new Recipient(psid), action),
            new(pageId, Idempotent: true), cancellationToken)).Error;

    /// <summary>A private reply to a comment: <c>recipient.comment_id</c>; Meta answers with the commenter's PSID.</summary>
    public async Task<SendResult> SendPrivateReplyAsync(string pageId, string accessToken, string commentId, string text, string metadata, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync<PrivateReplyResponse>(HttpMethod.Post, $"{pageId}/messages", accessToken,
            new PrivateReplyRequest(new CommentRecipient(commentId), new OutgoingMessage(text, metadata, null)), new(pageId, Idempotent: false), cancellationToken);
        return error is not null ? new SendResult(null, error)
            : answer?.MessageId is null || answer.RecipientId is null ? new SendResult(null, GraphError.Unreadable("Meta's answer had no message_id or recipient_id."))
            : new SendResult(answer.MessageId, null) { RecipientId = answer.RecipientId };
    }

    /// <summary>A public reply under a comment: <c>POST /{comment-id}/comments</c>; returns the new comment's id.</summary>
    public async Task<(string? CommentId, GraphError? Error)> ReplyToCommentAsync(string pageId, string commentId, string accessToken, string text, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync<IdResponse>(HttpMethod.Post, $"{Uri.EscapeDataString(commentId)}/comments", accessToken, new CommentBody(text),
            new(pageId, Idempotent: false), cancellationToken);
        return (answer?.Id, error ?? (answer?.Id is null ? GraphError.Unreadable("Meta's answer had no id.") : null));
    }

    /// <summary>Hides or shows a comment: <c>POST /{comment-id} {is_hidden}</c>.</summary>
    public async Task<GraphError?> SetCommentHiddenAsync(string pageId, string commentId, string accessToken, bool hidden, CancellationToken cancellationToken) =>
        (await CallAsync<SuccessResponse>(HttpMethod.Post, Uri.EscapeDataString(commentId), accessToken, new HiddenBody(hidden), new(pageId, Idempotent: true), cancellationToken)).Error;

    /// <summary>Deletes a comment: <c>DELETE /{comment-id}</c>.</summary>
    public async Task<GraphError?> DeleteCommentAsync(string pageId, string commentId, string accessToken, CancellationToken cancellationToken) =>
        (await CallAsync<SuccessResponse>(HttpMethod.Delete, Uri.EscapeDataString(commentId), accessToken, null, new(pageId, Idempotent: true), cancellationToken)).Error;

    /// <summary>Likes a comment as the Page: <c>POST /{comment-id}/likes</c>.</summary>
    public async Task<GraphError?> LikeCommentAsync(string pageId, string commentId, string accessToken, CancellationToken cancellationToken) =>
        (await CallAsync<SuccessResponse>(HttpMethod.Post, $"{Uri.EscapeDataString(commentId)}/likes", accessToken, null, new(pageId, Idempotent: true), cancellationToken)).Error;

    public sealed record Post(string? Id, string? Message, string? PermalinkUrl);

    /// <summary>A post's text and link: <c>GET /{post-id}?fields=message,permalink_url</c>.</summary>
    public Task<(Post? Result, GraphError? Error)> GetPostAsync(string pageId, string postId, string accessToken, CancellationToken cancellationToken) =>
        CallAsync<Post>(HttpMethod.Get, $"{Uri.EscapeDataString(postId)}?fields=message,permalink_url", accessToken, null, new(pageId, Idempotent: true), cancellationToken);

    public sealed record Profile(string? FirstName, string? LastName, string? ProfilePic);

    public sealed record ProfileResult(Profile? Profile, GraphError? Error);

    /// <summary>The User Profile API: <c>GET /{psid}?fields=first_name,last_name,profile_pic</c>.</summary>
    public async Task<ProfileResult> GetProfileAsync(string pageId, string psid, string accessToken, CancellationToken cancellationToken)
    {
        var (profile, error) = await CallAsync<Profile>(HttpMethod.Get, $"{Uri.EscapeDataString(psid)}?fields=first_name,last_name,profile_pic", accessToken, null,
            new(pageId, Idempotent: true), cancellationToken);
        return new ProfileResult(profile, error);
    }

    private async Task<(T? Result, GraphError? Error)> CallAsync<T>(
        HttpMethod method, string path, string? accessToken, object? body, GraphCall call, CancellationToken cancellationToken)
    {
        var (result, error, _) = await CallWithUsageAsync<T>(method, path, accessToken, body, call, cancellationToken);
        return (result, error);
    }

    // The one place a Graph call is made, and every way it can go wrong turned into a GraphError; with how much of its
    // rate limits the app has used, as Meta's headers say.
    private async Task<(T? Result, GraphError? Error, GraphUsage Usage)> CallWithUsageAsync<T>(
        HttpMethod method, string path, string? accessToken, object? body, GraphCall call, CancellationToken cancellationToken)
    {
        await endpoint.ReadyAsync(cancellationToken);
        Uri url;
        try
        {
            url = path.StartsWith("https://", StringComparison.Ordinal) || path.StartsWith("http://", StringComparison.Ordinal) ? new Uri(path) : endpoint.Url(path);
        }
        catch (HttpRequestException exception)
        {
            // The sandbox's own address is not known until the server listens: unreachable, like any other.
            return (default, GraphError.Unreachable(exception), GraphUsage.Unknown);
        }
        using var message = new HttpRequestMessage(method, url);
        message.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body, body.GetType(), options: s_json),
        };
        if (accessToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        GraphResilience.Describe(message, call);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(message, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            Operations.InboxMetrics.CircuitRejections.Add(1);
            return (default, GraphError.CircuitOpen(), GraphUsage.Unknown);
        }
        catch (TimeoutRejectedException)
        {
            return (default, GraphError.TimedOut(), GraphUsage.Unknown);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (default, GraphError.TimedOut(), GraphUsage.Unknown);
        }
        catch (HttpRequestException exception)
        {
            return (default, GraphError.Unreachable(exception), GraphUsage.Unknown);
        }
        using (response)
        {
            var usage = GraphUsage.From(response.Headers);
            if (!response.IsSuccessStatusCode)
            {
                return (default, await ReadErrorAsync(response, cancellationToken), usage);
            }
            try
            {
                return (await response.Content.ReadFromJsonAsync<T>(s_json, cancellationToken), null, usage);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or HttpRequestException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Meta said yes (200) but what it said cannot be read: it may well have done what was asked.
                return (default, GraphError.Unreadable($"Meta answered HTTP {(int)response.StatusCode} with a body that is not the expected JSON."), usage);
            }
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
        catch (Exception exception) when (exception is JsonException or NotSupportedException or HttpRequestException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
        }
        // Retry-After in seconds, as gateways send it; Meta itself says how long in X-Business-Use-Case-Usage.
        return GraphError.WithoutBody(response.StatusCode, response.Headers.RetryAfter?.Delta);
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
