using Inbox.Core.Ingestion;
using Inbox.Core.Meta;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Endpoints;

/// <summary>Meta's webhook: the only endpoint open without sign-in, because every delivery is signed.</summary>
public static class WebhookEndpoints
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

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<MetaOptions> meta, DeliveryWriter writer)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return Results.Text($"The body exceeds {MaxBodyBytes} bytes.", "text/plain", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        if (!WebhookSignature.IsValid(body, context.Request.Headers[WebhookSignature.HeaderName], meta.Value.AppSecret))
        {
            return Results.Text($"Missing or invalid {WebhookSignature.HeaderName}.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        }
        // Acknowledged only once it is on disk: Meta retries anything not answered 200.
        await writer.AppendAsync(body, context.RequestAborted);
        return Results.Text("EVENT_RECEIVED", "text/plain");
    }

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
