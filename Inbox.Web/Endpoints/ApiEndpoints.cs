using System.Security.Claims;
using Inbox.Core;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Core.Outbox;
using Inbox.Core.Pages;
using Inbox.Web.Auth;

namespace Inbox.Web.Endpoints;

/// <summary>The REST API for integrations, authenticated by personal API tokens (<c>Authorization: Bearer</c>).</summary>
public static class ApiEndpoints
{
    public const string PolicyName = "ApiToken";

    public static void MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(PolicyName);

        api.MapGet("/me", (ClaimsPrincipal user) => new MeResponse(
            user.UserId() ?? 0,
            user.FindFirstValue(ClaimTypes.Email) ?? "",
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? ""));

        // For monitoring: a growing "pending" means ingestion is behind; "dead" and "unconnected" need an admin.
        api.MapGet("/deliveries/stats", async (Inbox.Core.Ingestion.WebhookDeliveryStore deliveries, CancellationToken cancellationToken) =>
            (await deliveries.CountsAsync(cancellationToken)).ToDictionary(c => c.Key.ToString().ToLowerInvariant(), c => c.Value));

        api.MapGet("/pages", async (PageStore pages, CancellationToken cancellationToken) =>
            (await pages.ListAsync(cancellationToken)).Select(p => new PageResponse(p.Id, p.Name, p.TimeZone, p.HasAccessToken)));

        api.MapGet("/conversations", async (int? offset, int? limit, string? origin, ConversationStore conversations, CancellationToken cancellationToken) =>
        {
            var (from, size) = (offset ?? 0, limit ?? 50);
            if (from < 0 || size is < 1 or > MaxPageSize)
            {
                return Results.Problem($"offset must be 0 or more and limit between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest);
            }
            // origin: a referral source as Meta names it (ADS, SHORTLINK, MESSENGER_CODE, CUSTOMER_CHAT_PLUGIN...) or "none".
            var filter = new ConversationFilter(origin is null or ConversationOrigin.None ? origin : origin.ToUpperInvariant());
            var total = await conversations.CountAsync(filter, cancellationToken);
            var items = await conversations.ListAsync(filter, from, size, cancellationToken);
            return Results.Ok(new Page<ConversationResponse>(
                [.. items.Select(ConversationResponse.From)], total, from, size, from + items.Count < total ? from + items.Count : null));
        });

        // status: open, pending, snoozed (with snoozedUntil) or done.
        api.MapPost("/conversations/{id:long}/status", async (
            long id, StatusRequest? body, ClaimsPrincipal user, ConversationWorkflow workflow, ConversationStore conversations, CancellationToken cancellationToken) =>
        {
            if (await conversations.GetAsync(id, cancellationToken) is null)
            {
                return Results.Problem("No conversation has that id.", statusCode: StatusCodes.Status404NotFound);
            }
            if (!Enum.TryParse<ConversationStatus>(body?.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                return Results.Problem("status must be open, pending, snoozed or done.", statusCode: StatusCodes.Status400BadRequest);
            }
            try
            {
                await workflow.SetStatusAsync(id, status, body!.SnoozedUntil, user.UserId(), cancellationToken);
                return Results.Ok(ConversationResponse.From((await conversations.GetAsync(id, cancellationToken))!));
            }
            catch (UserInputException exception)
            {
                return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        // userId: the assignee, or null to unassign.
        api.MapPost("/conversations/{id:long}/assign", async (
            long id, AssignRequest? body, ClaimsPrincipal user, ConversationWorkflow workflow, ConversationStore conversations, CancellationToken cancellationToken) =>
        {
            if (await conversations.GetAsync(id, cancellationToken) is null)
            {
                return Results.Problem("No conversation has that id.", statusCode: StatusCodes.Status404NotFound);
            }
            try
            {
                await workflow.AssignAsync(id, body?.UserId, user.UserId(), cancellationToken);
                return Results.Ok(ConversationResponse.From((await conversations.GetAsync(id, cancellationToken))!));
            }
            catch (UserInputException exception)
            {
                return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        api.MapGet("/conversations/{id:long}", async (long id, ConversationStore conversations, CancellationToken cancellationToken) =>
            await conversations.GetAsync(id, cancellationToken) is { } conversation
                ? Results.Ok(new ConversationWithMessages(
                    ConversationResponse.From(conversation),
                    [.. (await conversations.MessagesAsync(id, cancellationToken)).Select(MessageResponse.From)]))
                : Results.Problem("No conversation has that id.", statusCode: StatusCodes.Status404NotFound));

        api.MapPost("/conversations/{id:long}/messages", async (
            long id, ReplyRequest? reply, ClaimsPrincipal user, OutboxStore outbox, ConversationStore conversations, CancellationToken cancellationToken) =>
        {
            if (await conversations.GetAsync(id, cancellationToken) is null)
            {
                return Results.Problem("No conversation has that id.", statusCode: StatusCodes.Status404NotFound);
            }
            try
            {
                var messageId = await outbox.EnqueueReplyAsync(id, user.UserId() ?? 0, reply?.Text ?? "", cancellationToken);
                var message = await conversations.MessageAsync(messageId, cancellationToken);
                // Accepted, not yet sent: the status moves to sent or failed as Meta answers (watch the hub or poll this message).
                return Results.Accepted($"/api/v1/conversations/{id}", MessageResponse.From(message!));
            }
            catch (UserInputException exception)
            {
                return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });
    }

    public const int MaxPageSize = 200;

    public sealed record MeResponse(long Id, string Email, string Name, string Role);

    public sealed record PageResponse(string Id, string Name, string TimeZone, bool Connected);

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit, int? NextOffset);

    public sealed record ReplyRequest(string? Text);

    public sealed record ConversationResponse(
        long Id, string PageId, string ContactPsid, string ContactName, string? ContactPictureUrl, DateTimeOffset LastMessageAt,
        string LastMessagePreview, string LastMessageDirection, DateTimeOffset? WaitingSince, int UnreadCount, string? Origin, string? ThreadOwnerAppId,
        string Status, DateTimeOffset? SnoozedUntil, long? AssigneeUserId, string? AssigneeName)
    {
        public static ConversationResponse From(ConversationSummary c) => new(
            c.Id, c.PageId, c.Psid, c.DisplayName, c.ContactPictureUrl, c.LastMessageAt, c.LastMessagePreview,
            c.LastMessageDirection.ToString().ToLowerInvariant(), c.WaitingSince, c.UnreadCount, c.Origin, c.ThreadOwnerAppId,
            ConversationWorkflow.Name(c.Status), c.SnoozedUntil, c.AssigneeUserId, c.AssigneeName);
    }

    public sealed record StatusRequest(string? Status, DateTimeOffset? SnoozedUntil);

    public sealed record AssignRequest(long? UserId);

    public sealed record ConversationWithMessages(ConversationResponse Conversation, IReadOnlyList<MessageResponse> Messages);

    public sealed record MessageResponse(
        long Id, string? Mid, string Direction, string? Text, IReadOnlyList<Inbox.Core.Meta.Attachment> Attachments, string? QuickReplyPayload,
        DateTimeOffset SentAt, string? AuthorName, string Status, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt, string? Error,
        string? ErrorCode, string? PostbackPayload, string? ReplyToMid, string? Reaction, bool Edited, string? OriginalText)
    {
        public static MessageResponse From(Message m) => new(
            m.Id, m.Mid, m.Direction.ToString().ToLowerInvariant(), m.CurrentText, m.Attachments, m.QuickReplyPayload, m.SentAt, m.AuthorName,
            m.Status.ToString().ToLowerInvariant(), m.DeliveredAt, m.ReadAt, m.Error,
            m.ErrorCode, m.PostbackPayload, m.ReplyToMid, m.Reaction, m.IsEdited, m.IsEdited ? m.Text : null);
    }
}
