using Inbox.Core.Ingestion;
using Inbox.Core.Meta;
using Inbox.Core.Operations;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Endpoints;

/// <summary>Meta's webhook: the only endpoint open without sign-in, because every delivery is signed.</summary>
public static partial class WebhookEndpoints
{
    public const string Path = "/webhooks/meta";
    public const int MaxBodyBytes = 1024 * 1024;

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Verify).AllowAnonymous();
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
    }

    // The subscription handshake: echo the challenge when the verify token matches.
    private static IResult Verify(HttpRequest request, IOptions<MetaOptions> meta)
    {
        var query = request.Query;
        var tokenMatches = query["hub.verify_token"] == meta.Value.VerifyToken && meta.Value.VerifyToken.Length > 0;
        return query["hub.mode"] == "subscribe" && tokenMatches && query["hub.challenge"].ToString() is { Length: > 0 } challenge
            ? Results.Text(challenge, "text/plain")
            : Results.Text("The verify token does not match.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<MetaOptions> meta, DeliveryWriter writer, ILogger<DeliveryWriter> logger)
    {
        byte[]? body;
        try
        {
            body = await ReadBodyAsync(context.Request, context.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The sender went away mid-body (or sent a broken one): nothing to store, nobody to answer, nothing to alarm anyone.
            Refused("incomplete");
            return Results.Text("The body was not received whole.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }
        if (body is null)
        {
            Refused("size");
            return Results.Text($"The body exceeds {MaxBodyBytes} bytes.", "text/plain", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        if (!WebhookSignature.IsValid(body, context.Request.Headers[WebhookSignature.HeaderName], meta.Value.AppSecret))
        {
            Refused("signature");
            return Results.Text($"Missing or invalid {WebhookSignature.HeaderName}.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        }
        InboxMetrics.DeliveriesReceived.Add(1);
        try
        {
            // Acknowledged only once it is on disk: Meta retries anything not answered 200.
            await writer.AppendAsync(body, context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // Locked, full, shutting down: not stored, so not acknowledged. Meta delivers it again.
            LogNotStored(logger, exception.GetType().Name);
            Refused("storage");
            context.Response.Headers.RetryAfter = "5";
            return Results.Text("The delivery could not be stored; please deliver it again.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        InboxMetrics.DeliveriesAcknowledged.Add(1);
        return Results.Text("EVENT_RECEIVED", "text/plain");
    }

    private static void Refused(string reason) => InboxMetrics.DeliveriesRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook delivery could not be stored ({Error}); answered 503 so Meta delivers it again")]
    private static partial void LogNotStored(ILogger logger, string error);

    /// <summary>The raw bytes, or null when they exceed the limit (declared or actual).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        if (request.ContentLength is { } declared)
        {
            // The usual case: one exact buffer, no copying.
            var exact = new byte[declared];
            await request.Body.ReadExactlyAsync(exact, cancellationToken);
            return exact;
        }
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
