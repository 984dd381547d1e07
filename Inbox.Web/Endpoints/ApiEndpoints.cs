using System.Security.Claims;
using Inbox.Core;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Core.Outbox;
using Inbox.Core.Pages;
using Inbox.Web.Auth;

namespace Inbox.Web.Endpoints;

/// <summary>The REST API for integrations, authenticated by personal API tokens (<c>Authorization: Bearer</c>).</summary>
public static partial class ApiEndpoints
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
            (await pages.ListAsync(cancellationToken)).Select(PageResponse.From));

        api.MapGet("/conversations", async (int? offset, int? limit, string? origin, ConversationStore conversations, CancellationToken cancellationToken) =>
        {
            var (from, size) = (offset ?? 0, limit ?? 50);
            if (from < 0 || size is < 1 or > MaxPageSize)
            {
                return Results.Problem($"offset must be 0 or more and limit between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest);
            }
            // origin: a referral source as Meta names it (ADS, SHORTLINK, MESSENGER_CODE, CUSTOMER_CHAT_PLUGIN...) or "none".
            var filter = new ConversationFilter(origin is null or ConversationOrigin.None ? origin : origin.ToUpperInvariant());
            var (total, items) = await conversations.PageAsync(filter, from, size, cancellationToken);
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

        // Everything the thread shows: messages, where the person came from, what they opted in to, the Page's notices.
        api.MapGet("/conversations/{id:long}", async (long id, ConversationStore conversations, PageStore pages, CancellationToken cancellationToken) =>
        {
            if (await conversations.GetAsync(id, cancellationToken) is not { } conversation)
            {
                return Results.Problem("No conversation has that id.", statusCode: StatusCodes.Status404NotFound);
            }
            var page = (await pages.ListAsync(cancellationToken)).FirstOrDefault(p => p.Id == conversation.PageId);
            return Results.Ok(new ConversationWithMessages(
                ConversationResponse.From(conversation),
                [.. (await conversations.MessagesAsync(id, cancellationToken)).Select(MessageResponse.From)],
                [.. (await conversations.ReferralsAsync(id, cancellationToken)).Select(ReferralResponse.From)],
                [.. (await conversations.OptInsAsync(id, cancellationToken)).Select(OptInResponse.From)],
                PolicyNoticeResponse.From(page)));
        }).Produces<ConversationWithMessages>().ProducesProblem(StatusCodes.Status404NotFound);

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
}
