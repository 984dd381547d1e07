using System.Text;
using System.Text.Json.Nodes;
using Inbox.Core.Meta;
using Inbox.Web.Sandbox;

namespace Inbox.Web.Endpoints;

/// <summary>
/// The sandbox's Conversations and feed APIs, as Meta serves them: newest first, <c>limit</c> and <c>after</c>,
/// <c>paging.cursors</c> and <c>next</c>, Meta's field shapes and times, its usage headers on every answer, its
/// per-Page rate (error 613 beyond it), and the Page token checked on every call.
/// </summary>
public static class SandboxHistoryEndpoints
{
    public static void MapSandboxHistoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var graph = SandboxGraphEndpoints.GraphPath + "/{version}";

        endpoints.MapGet(graph + "/{pageId}/conversations", async (string pageId, HttpRequest request, SandboxHistory history, SandboxGraph sandbox,
                SandboxLogin login, int? limit, string? after, CancellationToken cancellationToken) =>
            await AnswerAsync(request, pageId, sandbox, history, limit, after, async () =>
            {
                var page = (await login.DirectoryAsync(cancellationToken)).FirstOrDefault(p => p.Id == pageId);
                return [.. (await history.ForAsync(pageId, cancellationToken)).Threads.OrderByDescending(t => t.UpdatedAt).Select(thread => (JsonNode)new JsonObject
                {
                    ["id"] = thread.Id,
                    ["updated_time"] = GraphClient.FormatTime(thread.UpdatedAt),
                    ["participants"] = new JsonObject
                    {
                        ["data"] = new JsonArray(Person(thread.Psid, thread.Name), Person(pageId, page?.Name ?? "Page")),
                    },
                })];
            }, cancellationToken))
            .AllowAnonymous();

        endpoints.MapGet(graph + "/{threadId}/messages", async (string threadId, HttpRequest request, SandboxHistory history, SandboxGraph sandbox,
                SandboxLogin login, int? limit, string? after, CancellationToken cancellationToken) =>
        {
            if (await history.FindAsync(threadId, cancellationToken) is not { Thread: { } thread } found)
            {
                return Unknown(threadId);
            }
            var page = (await login.DirectoryAsync(cancellationToken)).FirstOrDefault(p => p.Id == found.PageId);
            var customer = Person(thread.Psid, thread.Name);
            var pageNode = Person(found.PageId, page?.Name ?? "Page");
            return await AnswerAsync(request, found.PageId, sandbox, history, limit, after, () => Task.FromResult<IReadOnlyList<JsonNode>>(
                [.. thread.Messages.OrderByDescending(m => m.At).Select(message => (JsonNode)new JsonObject
                {
                    ["id"] = message.Mid,
                    ["created_time"] = GraphClient.FormatTime(message.At),
                    ["from"] = (message.FromPage ? pageNode : customer).DeepClone(),
                    ["to"] = new JsonObject { ["data"] = new JsonArray((message.FromPage ? customer : pageNode).DeepClone()) },
                    ["message"] = message.Text,
                })]), cancellationToken);
        })
        .AllowAnonymous();

        endpoints.MapGet(graph + "/{pageId}/feed", async (string pageId, HttpRequest request, SandboxHistory history, SandboxGraph sandbox,
                int? limit, string? after, long? since, CancellationToken cancellationToken) =>
            await AnswerAsync(request, pageId, sandbox, history, limit, after, async () =>
                [.. (await history.ForAsync(pageId, cancellationToken)).Posts
                    .Where(post => since is null || post.At.ToUnixTimeSeconds() >= since)
                    .OrderByDescending(post => post.At).Select(post => (JsonNode)new JsonObject
                    {
                        ["id"] = post.Id,
                        ["message"] = post.Message,
                        ["created_time"] = GraphClient.FormatTime(post.At),
                        ["permalink_url"] = SandboxGraph.Permalink(pageId, post.Id),
                    })], cancellationToken))
            .AllowAnonymous();

        endpoints.MapGet(graph + "/{postId}/comments", async (string postId, HttpRequest request, SandboxHistory history, SandboxGraph sandbox,
                int? limit, string? after, CancellationToken cancellationToken) =>
        {
            if (await history.FindAsync(postId, cancellationToken) is not { Post: { } post } found)
            {
                return Unknown(postId);
            }
            return await AnswerAsync(request, found.PageId, sandbox, history, limit, after, () => Task.FromResult<IReadOnlyList<JsonNode>>(
                [.. post.Comments.OrderByDescending(c => c.At).Select(comment =>
                {
                    var node = new JsonObject
                    {
                        ["id"] = comment.Id,
                        ["message"] = comment.Text,
                        ["created_time"] = GraphClient.FormatTime(comment.At),
                        ["from"] = new JsonObject { ["name"] = comment.FromName, ["id"] = comment.FromId },
                    };
                    if (comment.ParentId is { } parent)
                    {
                        node["parent"] = new JsonObject { ["id"] = parent };
                    }
                    return (JsonNode)node;
                })]), cancellationToken);
        })
        .AllowAnonymous();
    }

    private static JsonObject Person(string id, string name) => new() { ["name"] = name, ["email"] = $"{id}@facebook.com", ["id"] = id };

    private static async Task<IResult> AnswerAsync(HttpRequest request, string pageId, SandboxGraph sandbox, SandboxHistory history, int? limit, string? after,
        Func<Task<IReadOnlyList<JsonNode>>> rows, CancellationToken cancellationToken)
    {
        var admitted = await history.AdmitAsync(pageId, request.Path + request.QueryString, cancellationToken);
        foreach (var (name, value) in history.UsageHeaders(pageId))
        {
            request.HttpContext.Response.Headers[name] = value;
        }
        var refusal = await sandbox.TokenRefusalAsync(pageId, SandboxGraphEndpoints.AccessToken(request), cancellationToken) ?? admitted;
        if (refusal is not null)
        {
            return Results.Json(refusal.Body, statusCode: refusal.Status);
        }
        var all = await rows();
        var size = Math.Clamp(limit ?? 25, 1, 100);
        var start = Decode(after);
        var data = new JsonArray([.. all.Skip(start).Take(size)]);
        var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = Encode(start), ["after"] = Encode(start + data.Count) } };
        if (start + size < all.Count)
        {
            var query = request.Query.Where(q => q.Key != "after").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"after={Uri.EscapeDataString(Encode(start + size))}");
            paging["next"] = $"{request.Scheme}://{request.Host}{request.Path}?{string.Join('&', query)}";
        }
        return Results.Json(new JsonObject { ["data"] = data, ["paging"] = paging });
    }

    private static IResult Unknown(string id) => Results.Json(SandboxGraph.Error(400, 100, 33,
        $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", "GraphMethodException").Body,
        statusCode: 400);

    private static string Encode(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes(index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static int Decode(string? cursor)
    {
        try
        {
            return cursor is not null && int.TryParse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), out var index) && index >= 0 ? index : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
