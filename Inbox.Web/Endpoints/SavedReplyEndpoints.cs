using System.Security.Claims;
using Inbox.Core;
using Inbox.Core.SavedReplies;
using Inbox.Web.Auth;

namespace Inbox.Web.Endpoints;

/// <summary><c>/api/v1/saved-replies</c>: the team's and the token user's own saved replies.</summary>
public static class SavedReplyEndpoints
{
    public static void MapSavedReplyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/saved-replies").RequireAuthorization(ApiEndpoints.PolicyName);

        api.MapGet("/", async (ClaimsPrincipal user, SavedReplyStore replies, CancellationToken cancellationToken) =>
            (await replies.ListVisibleToAsync(user.UserId() ?? 0, cancellationToken)).Select(SavedReplyResponse.From));

        api.MapGet("/{id:long}", async (long id, ClaimsPrincipal user, SavedReplyStore replies, CancellationToken cancellationToken) =>
            await replies.GetVisibleAsync(id, user.UserId() ?? 0, cancellationToken) is { } reply
                ? Results.Ok(SavedReplyResponse.From(reply))
                : NotFound());

        api.MapPost("/", async (SavedReplyRequest request, ClaimsPrincipal user, SavedReplyStore replies, CancellationToken cancellationToken) =>
        {
            if (!request.Personal && !SavedReplyStore.MayManageTeamReplies(user.Role()))
            {
                return Forbidden();
            }
            return await RefusedOrAsync(async () =>
            {
                var created = await replies.CreateAsync(request.ToDraft(), user.UserId() ?? 0, user.Role(), cancellationToken);
                return Results.Created($"/api/v1/saved-replies/{created.Id}", SavedReplyResponse.From(created));
            });
        });

        api.MapPut("/{id:long}", async (long id, SavedReplyRequest request, ClaimsPrincipal user, SavedReplyStore replies, CancellationToken cancellationToken) =>
        {
            var existing = await replies.GetVisibleAsync(id, user.UserId() ?? 0, cancellationToken);
            if (existing is null)
            {
                return NotFound();
            }
            if (!existing.IsPersonal && !SavedReplyStore.MayManageTeamReplies(user.Role()))
            {
                return Forbidden();
            }
            return await RefusedOrAsync(async () => Results.Ok(SavedReplyResponse.From(
                await replies.UpdateAsync(id, request.ToDraft() with { Personal = existing.IsPersonal }, user.UserId() ?? 0, user.Role(), cancellationToken))));
        });

        // Archives: the reply leaves lists and the picker, and its usage history stays.
        api.MapDelete("/{id:long}", async (long id, ClaimsPrincipal user, SavedReplyStore replies, CancellationToken cancellationToken) =>
        {
            var existing = await replies.GetVisibleAsync(id, user.UserId() ?? 0, cancellationToken);
            if (existing is null)
            {
                return NotFound();
            }
            if (!existing.IsPersonal && !SavedReplyStore.MayManageTeamReplies(user.Role()))
            {
                return Forbidden();
            }
            await replies.ArchiveAsync(id, user.UserId() ?? 0, user.Role(), cancellationToken);
            return Results.NoContent();
        });
    }

    private static IResult NotFound() => Results.Problem("No saved reply with that id is visible to you.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Forbidden() =>
        Results.Problem("Only managers and admins change the team's saved replies; agents can keep personal ones.", statusCode: StatusCodes.Status403Forbidden);

    private static async Task<IResult> RefusedOrAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (UserInputException exception)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    public sealed record SavedReplyRequest(
        string? Title, string? Shortcut, string? Language, string? Body, bool Personal, IReadOnlyList<string>? QuickReplies, IReadOnlyList<string>? FaqTriggers)
    {
        public SavedReplyDraft ToDraft() => new(Title ?? "", Shortcut ?? "", Language ?? "en", Body ?? "", Personal, QuickReplies, FaqTriggers);
    }

    public sealed record SavedReplyResponse(
        long Id, string Title, string Shortcut, string Language, string Body, bool Personal, IReadOnlyList<string> QuickReplies,
        IReadOnlyList<string> FaqTriggers, int UsageCount, DateTimeOffset? LastUsedAt, DateTimeOffset UpdatedAt)
    {
        public static SavedReplyResponse From(SavedReply r) =>
            new(r.Id, r.Title, r.Shortcut, r.Language, r.Body, r.IsPersonal, r.QuickReplies, r.FaqTriggers, r.UsageCount, r.LastUsedAt, r.UpdatedAt);
    }
}
