using System.Security.Claims;
using Inbox.Core;
using Inbox.Core.Comments;
using Inbox.Web.Auth;

namespace Inbox.Web.Endpoints;

/// <summary>Comments for integrations (API token): read them by post, answer, hide and unhide.</summary>
public static partial class CommentEndpoints
{
    public static void MapCommentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/comments").RequireAuthorization(ApiEndpoints.PolicyName);

        // filter: unanswered (default), answered, hidden or all.
        api.MapGet("/", async (string? filter, string? postId, int? limit, CommentStore comments, CancellationToken cancellationToken) =>
        {
            if (!Enum.TryParse<CommentFilter>(filter ?? "unanswered", ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.Problem("filter must be unanswered, answered, hidden or all.", statusCode: StatusCodes.Status400BadRequest);
            }
            if (limit is < 1 or > 500)
            {
                return Results.Problem("limit must be between 1 and 500.", statusCode: StatusCodes.Status400BadRequest);
            }
            return Results.Ok((await comments.ThreadsAsync(parsed, postId, limit ?? 100, cancellationToken)).Select(PostThreadsResponse.From).ToList());
        }).Produces<List<PostThreadsResponse>>();

        api.MapPost("/{id}/reply", (string id, TextRequest? body, ClaimsPrincipal user, CommentActions actions, CommentStore comments, CancellationToken cancellationToken) =>
            RunAsync(id, comments, async () =>
            {
                await actions.ReplyAsync(id, user.UserId() ?? 0, body?.Text ?? "", cancellationToken);
                return Results.Ok(await CommentAsync(comments, id, cancellationToken));
            }, cancellationToken));

        api.MapPost("/{id}/private-reply", (string id, TextRequest? body, ClaimsPrincipal user, CommentActions actions, CommentStore comments, CancellationToken cancellationToken) =>
            RunAsync(id, comments, async () =>
            {
                var conversationId = await actions.PrivateReplyAsync(id, user.UserId() ?? 0, body?.Text ?? "", cancellationToken);
                return Results.Ok(new PrivateReplyResponse(conversationId, await CommentAsync(comments, id, cancellationToken)));
            }, cancellationToken));

        api.MapPost("/{id}/hide", (string id, ClaimsPrincipal user, CommentActions actions, CommentStore comments, CancellationToken cancellationToken) =>
            RunAsync(id, comments, async () =>
            {
                await actions.HideAsync(id, user.UserId(), cancellationToken);
                return Results.Ok(await CommentAsync(comments, id, cancellationToken));
            }, cancellationToken));

        api.MapPost("/{id}/unhide", (string id, ClaimsPrincipal user, CommentActions actions, CommentStore comments, CancellationToken cancellationToken) =>
            RunAsync(id, comments, async () =>
            {
                await actions.UnhideAsync(id, user.UserId(), cancellationToken);
                return Results.Ok(await CommentAsync(comments, id, cancellationToken));
            }, cancellationToken));
    }

    private static async Task<CommentResponse?> CommentAsync(CommentStore comments, string id, CancellationToken cancellationToken) =>
        await comments.GetAsync(id, cancellationToken) is { } comment ? CommentResponse.From(comment) : null;

    private static async Task<IResult> RunAsync(string id, CommentStore comments, Func<Task<IResult>> action, CancellationToken cancellationToken)
    {
        if (await comments.GetAsync(id, cancellationToken) is null)
        {
            return Results.Problem("No comment has that id.", statusCode: StatusCodes.Status404NotFound);
        }
        try
        {
            return await action();
        }
        catch (UserInputException exception)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

}
