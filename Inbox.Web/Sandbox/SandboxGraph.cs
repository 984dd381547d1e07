using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Inbox.Core.Meta;
using Inbox.Core.Pages;
using Inbox.Core.Storage;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Sandbox;

/// <summary>
/// Stands in for Meta: accepts Send API calls under Meta's rules (Page token, known recipient, the 24-hour window,
/// 2,000 characters) with Meta's error bodies, answers <c>{recipient_id, message_id}</c>, and posts the signed echo
/// to this app's webhook. It also plays customers writing in, as signed webhook deliveries over real HTTP.
/// </summary>
public sealed partial class SandboxGraph(
    Database database, PageStore pages, SandboxLogin login, IOptions<MetaOptions> meta, SelfUrl self, IHttpClientFactory httpClients, TimeProvider time, ILogger<SandboxGraph> logger)
{
    /// <summary>The app id the sandbox's echoes carry, as Meta's name the sending app.</summary>
    public const string AppId = "1000000000000001";
    public const int MaxReceived = 1000;
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

    private readonly ConcurrentQueue<SandboxCall> _received = new();
    private readonly ConcurrentQueue<SandboxFault> _faults = new();
    private (DateTimeOffset Until, IReadOnlyList<SandboxFault> Faults)? _outage;
    private int _outageCalls;
    private readonly ConcurrentQueue<SandboxFault> _senderActionFaults = new();

    private readonly ConcurrentQueue<SandboxCall> _senderActions = new();

    /// <summary>Send API messages received, in order.</summary>
    public IReadOnlyList<SandboxCall> Received => [.. _received];

    /// <summary>Sender actions (typing_on, mark_seen) received, in order.</summary>
    public IReadOnlyList<SandboxCall> SenderActionsReceived => [.. _senderActions];

    public sealed record Answer(int Status, JsonObject Body)
    {
        /// <summary>Response headers, such as X-Business-Use-Case-Usage on a rate limit.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

        /// <summary>A body that is not JSON, sent as it is instead of <see cref="Body"/> (for faults).</summary>
        public string? Raw { get; init; }
    }

    /// <summary>
    /// Makes the next sends fail as Meta would (1200 temporary, 4 rate limit, 190 token, 10/2018108 not receiving...),
    /// for failure tests. A rate limit can carry Meta's estimated minutes until access returns.
    /// </summary>
    public void FailNextSends(int count, int code, int? subcode = null, int? regainAccessMinutes = null) =>
        FailNextSends(count, new SandboxFault(code, subcode, regainAccessMinutes));

    /// <summary>Makes the next sends misbehave as <paramref name="fault"/> says (hang, accept and hang, answer 503...).</summary>
    public void FailNextSends(int count, SandboxFault fault)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>
    /// Meta down for <paramref name="duration"/> from now: every send in that time misbehaves as the next of
    /// <paramref name="faults"/>, in turn (hang, 500, 503, accept and answer too late...). For the fault suite.
    /// </summary>
    public void StartOutage(TimeSpan duration, IReadOnlyList<SandboxFault> faults)
    {
        _outage = (time.GetUtcNow() + duration, faults);
        _outageCalls = 0;
    }

    /// <summary>Faults set with <see cref="FailNextSends(int, SandboxFault)"/> that no send has met yet.</summary>
    public int FaultsWaiting => _faults.Count;

    private SandboxFault? NextFault()
    {
        if (_outage is { } outage && time.GetUtcNow() < outage.Until)
        {
            return outage.Faults[(Interlocked.Increment(ref _outageCalls) - 1) % outage.Faults.Count];
        }
        return _faults.TryDequeue(out var fault) ? fault : null;
    }

    /// <summary>Makes the next sender actions (typing, seen) hang for <paramref name="delay"/>.</summary>
    public void HangNextSenderActions(int count, TimeSpan delay)
    {
        for (var i = 0; i < count; i++)
        {
            _senderActionFaults.Enqueue(new SandboxFault(0, null, null, SandboxFaultKind.Hang) { Delay = delay });
        }
    }

    /// <summary>Handles <c>POST /{version}/{page-id}/messages</c>.</summary>
    public async Task<Answer> SendAsync(string pageId, string? accessToken, JsonNode? request, CancellationToken cancellationToken)
    {
        var recipient = request?["recipient"]?["id"]?.GetValue<string>();
        var messagingType = request?["messaging_type"]?.GetValue<string>();
        var tag = request?["tag"]?.GetValue<string>();
        var text = request?["message"]?["text"]?.GetValue<string>();
        var metadata = request?["message"]?["metadata"]?.GetValue<string>();
        var quickReplies = request?["message"]?["quick_replies"]?.AsArray().Select(b => b?["title"]?.GetValue<string>() ?? "").ToList();

        if (request?["sender_action"]?.GetValue<string>() is { } action)
        {
            return await SenderActionAsync(pageId, accessToken, recipient, action, cancellationToken);
        }
        if (request?["recipient"]?["comment_id"]?.GetValue<string>() is { } commentId)
        {
            return await PrivateReplyAsync(pageId, accessToken, commentId, text, metadata, cancellationToken);
        }
        var fault = NextFault();
        var refusal = fault is { Accepts: false } ? await fault.RefuseAsync(cancellationToken)
            : await CheckAsync(pageId, accessToken, recipient, messagingType, tag, text, cancellationToken);
        if (refusal is not null)
        {
            Record(new SandboxCall(time.GetUtcNow(), pageId, recipient, messagingType, tag, text, metadata, null, refusal.Body["error"]?["code"]?.GetValue<int>() ?? refusal.Status));
            return refusal;
        }

        var mid = "m_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var sentAt = time.GetUtcNow();
        Record(new SandboxCall(sentAt, pageId, recipient, messagingType, tag, text, metadata, mid, null, quickReplies));
        _ = PostEchoAsync(pageId, recipient!, mid, text!, metadata, sentAt);
        if (fault is { Kind: SandboxFaultKind.AcceptThenHang })
        {
            await Task.Delay(fault.Delay, cancellationToken);
        }
        return fault is { Kind: SandboxFaultKind.AcceptUnreadable }
            ? new Answer(200, []) { Raw = "<html><body>Sorry, something went wrong.</body></html>" }
            : new Answer(200, new JsonObject { ["recipient_id"] = recipient, ["message_id"] = mid });
    }

    private async Task<Answer?> CheckAsync(
        string pageId, string? accessToken, string? recipient, string? messagingType, string? tag, string? text, CancellationToken cancellationToken)
    {
        if (await TokenRefusalAsync(pageId, accessToken, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (recipient is null || text is null)
        {
            return Error(400, 100, null, "(#100) The parameter recipient and message are required", "OAuthException");
        }
        if (text.Length > 2000)
        {
            return Error(400, 100, null, "(#100) Length of param message[text] must be less than or equal to 2000", "OAuthException");
        }
        var lastMessageAt = await LastCustomerMessageAsync(pageId, recipient, cancellationToken);
        if (lastMessageAt is null)
        {
            return Error(400, 100, 2018001, "(#100) No matching user found", "OAuthException");
        }
        var window = messagingType == "MESSAGE_TAG" && tag == "HUMAN_AGENT" ? HumanAgentWindow : StandardWindow;
        if (time.GetUtcNow() - lastMessageAt.Value > window)
        {
            return Error(400, 10, 2018278, "(#10) This message is sent outside of allowed window.", "OAuthException");
        }
        return null;
    }

    // Typing indicators and read marks: Meta allows them only inside the standard window, to a known person.
    private async Task<Answer> SenderActionAsync(string pageId, string? accessToken, string? recipient, string action, CancellationToken cancellationToken)
    {
        if (_senderActionFaults.TryDequeue(out var fault))
        {
            return await fault.RefuseAsync(cancellationToken);
        }
        var refusal = action is "typing_on" or "typing_off" or "mark_seen"
            ? await CheckAsync(pageId, accessToken, recipient, "RESPONSE", null, "", cancellationToken)
            : Error(400, 100, null, "(#100) Param sender_action must be one of {MARK_SEEN, TYPING_ON, TYPING_OFF}", "OAuthException");
        _senderActions.Enqueue(new SandboxCall(time.GetUtcNow(), pageId, recipient, null, null, null, null, null, refusal?.Body["error"]!["code"]!.GetValue<int>()) { SenderAction = action });
        while (_senderActions.Count > MaxReceived && _senderActions.TryDequeue(out _))
        {
        }
        return refusal ?? new Answer(200, new JsonObject { ["recipient_id"] = recipient });
    }

    internal async Task<Answer?> TokenRefusalAsync(string pageId, string? accessToken, CancellationToken cancellationToken) =>
        login.RevokedSubcode(pageId) is { } subcode
            ? Error(400, 190, subcode, "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.", "OAuthException")
            : await PageTokenRefusalAsync(pages, pageId, accessToken, cancellationToken);

    /// <summary>Meta's answer to a Page token that is not the Page's: the one Inbox stored is the one the sandbox accepts.</summary>
    internal static async Task<Answer?> PageTokenRefusalAsync(PageStore pages, string pageId, string? accessToken, CancellationToken cancellationToken)
    {
        var expected = await pages.AccessTokenAsync(pageId, cancellationToken);
        return expected is null || accessToken is null ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(accessToken))
            ? Error(400, 190, null, "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.", "OAuthException")
            : null;
    }

    /// <summary>Handles the User Profile API, <c>GET /{version}/{psid}</c>, for the customers the sandbox plays.</summary>
    public async Task<Answer> ProfileAsync(string psid, string? accessToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var customer = await connection.QuerySingleOrDefaultAsync<(string PageId, string? Name)?>(new CommandDefinition(
            "SELECT page_id, name FROM sandbox_customers WHERE psid = @Psid", new { Psid = psid }, cancellationToken: cancellationToken));
        var expected = customer is null ? null : await pages.AccessTokenAsync(customer.Value.PageId, cancellationToken);
        if (customer is null || expected is null || accessToken is null ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(accessToken)))
        {
            return Error(400, 100, 2018001, "(#100) No matching user found", "OAuthException");
        }
        if (customer.Value.Name is not { } name)
        {
            return Error(400, 100, 2018218, "(#100) No profile available for that user.", "OAuthException");
        }
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return new Answer(200, new JsonObject
        {
            ["first_name"] = space < 0 ? name : name[..space],
            ["last_name"] = space < 0 ? "" : name[(space + 1)..],
            ["id"] = psid,
        });
    }

    /// <summary>A customer writes to the Page: remembered for the window, then delivered as a signed webhook.</summary>
    public async Task<string> CustomerWritesAsync(
        string pageId, string psid, string text, string? name, CancellationToken cancellationToken, string? quickReplyPayload = null, Referral? fromAd = null)
    {
        const string Remember = """
            INSERT INTO sandbox_customers (page_id, psid, name, last_message_at) VALUES (@PageId, @Psid, @Name, @At)
            ON CONFLICT (page_id, psid) DO UPDATE SET last_message_at = excluded.last_message_at, name = COALESCE(excluded.name, sandbox_customers.name)
            """;
        var at = time.GetUtcNow();
        var mid = "m_customer_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(Remember, new { PageId = pageId, Psid = psid, Name = name, At = at }, cancellationToken: cancellationToken));
        }
        var messaging = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = psid },
            ["recipient"] = new JsonObject { ["id"] = pageId },
            ["timestamp"] = at.ToUnixTimeMilliseconds(),
            ["message"] = new JsonObject { ["mid"] = mid, ["text"] = text },
        };
        if (quickReplyPayload is not null)
        {
            // A tap on a quick-reply button: its title as text, its payload alongside.
            messaging["message"]!["quick_reply"] = new JsonObject { ["payload"] = quickReplyPayload };
        }
        if (fromAd is not null)
        {
            // The first message after a Click-to-Messenger ad carries the ad, as Meta sends it.
            messaging["message"]!["referral"] = new JsonObject
            {
                ["ref"] = fromAd.Ref,
                ["ad_id"] = fromAd.AdId,
                ["source"] = "ADS",
                ["type"] = "OPEN_THREAD",
                ["ads_context_data"] = new JsonObject { ["ad_title"] = fromAd.AdTitle, ["photo_url"] = fromAd.PhotoUrl, ["post_id"] = fromAd.PostId },
            };
        }
        await PostWebhookAsync(pageId, at, messaging, cancellationToken);
        return mid;
    }

    private async Task PostEchoAsync(string pageId, string psid, string mid, string text, string? metadata, DateTimeOffset sentAt)
    {
        try
        {
            // Meta's echo sometimes beats its own HTTP answer: a short random pause lets either come first.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 20)), time);
            var message = new JsonObject { ["mid"] = mid, ["is_echo"] = true, ["app_id"] = long.Parse(AppId, System.Globalization.CultureInfo.InvariantCulture), ["text"] = text };
            if (metadata is not null)
            {
                message["metadata"] = metadata;
            }
            var messaging = new JsonObject
            {
                ["sender"] = new JsonObject { ["id"] = pageId },
                ["recipient"] = new JsonObject { ["id"] = psid },
                ["timestamp"] = sentAt.ToUnixTimeMilliseconds(),
                ["message"] = message,
            };
            await PostWebhookAsync(pageId, sentAt, messaging, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogEchoFailed(exception, mid);
        }
    }

    private Task PostWebhookAsync(string pageId, DateTimeOffset at, JsonObject messaging, CancellationToken cancellationToken) =>
        PostDeliveryAsync(new JsonObject
        {
            ["object"] = "page",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = pageId,
                ["time"] = at.ToUnixTimeMilliseconds(),
                ["messaging"] = new JsonArray(messaging),
            }),
        }, cancellationToken);

    private async Task PostDeliveryAsync(JsonObject delivery, CancellationToken cancellationToken)
    {
        // The default encoder escapes non-ASCII as \uXXXX, as Meta does.
        var body = JsonSerializer.SerializeToUtf8Bytes(delivery);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, meta.Value.AppSecret));
        using var http = httpClients.CreateClient(nameof(SandboxGraph));
        using var response = await http.PostAsync(self.Value + Endpoints.WebhookEndpoints.Path, content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<DateTimeOffset?> LastCustomerMessageAsync(string pageId, string psid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT last_message_at FROM sandbox_customers WHERE page_id = @PageId AND psid = @Psid", new { PageId = pageId, Psid = psid }, cancellationToken: cancellationToken));
    }

    private void Record(SandboxCall call)
    {
        _received.Enqueue(call);
        while (_received.Count > MaxReceived && _received.TryDequeue(out _))
        {
        }
    }

    internal static Answer Error(int status, int code, int? subcode, string message, string type)
    {
        var error = new JsonObject
        {
            ["message"] = message,
            ["type"] = type,
            ["code"] = code,
            ["fbtrace_id"] = "Sandbox" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
        };
        if (subcode is not null)
        {
            error["error_subcode"] = subcode;
        }
        return new Answer(status, new JsonObject { ["error"] = error });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sandbox could not post the echo of {Mid}")]
    private partial void LogEchoFailed(Exception exception, string mid);
}
