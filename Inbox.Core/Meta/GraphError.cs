using System.Net;

namespace Inbox.Core.Meta;

/// <summary>Meta's error body <c>{"error":{"message","type","code","error_subcode","fbtrace_id"}}</c>, or a transport failure.</summary>
public sealed record GraphError(int Code, int? Subcode, string Message, string? Type, string? TraceId, HttpStatusCode? Status)
{
    /// <summary>How long Meta says to wait before calling again (<c>X-Business-Use-Case-Usage</c>), when it says so.</summary>
    public TimeSpan? RegainAccessAfter { get; init; }

    /// <summary>Set when the request may have reached Meta and been acted on: a timeout, a dropped answer, an unreadable 200.</summary>
    private bool MayHaveArrived { get; init; }

    /// <summary>The request was not even sent: calls to this Page are paused while Meta keeps failing.</summary>
    public bool IsCircuitOpen { get; private init; }

    private static readonly HashSet<int> s_rateLimitCodes = [4, 17, 32, 613, 80001];
    private static readonly HashSet<int> s_temporaryCodes = [1, 2, 1200];

    public bool IsRateLimit => s_rateLimitCodes.Contains(Code);

    /// <summary>Worth retrying later: rate limits, Meta's temporary errors, 5xx and transport failures (code 0).</summary>
    public bool IsTransient => IsRateLimit || s_temporaryCodes.Contains(Code) || Code == 0 || (int?)Status >= 500;

    /// <summary>
    /// Whether Meta may have done what was asked although we cannot tell: a timeout, a connection dropped after the
    /// request went out, a gateway's 5xx without Meta's error body, or a 200 whose body cannot be read. A send in this
    /// state must not be repeated blindly: its echo may still come. (An error body with Meta's code means Meta
    /// handled the request and refused it; a 503 means it was turned away.)
    /// </summary>
    public bool OutcomeUnknown => MayHaveArrived;

    public bool IsTokenInvalid => Code == 190;

    public override string ToString() => Subcode is null ? $"{Message} (code {Code})" : $"{Message} (code {Code}/{Subcode})";

    public static GraphError TimedOut() => new(0, null, "Meta did not answer in time.", null, null, null) { MayHaveArrived = true };

    public static GraphError Unreadable(string message) => new(0, null, message, null, null, null) { MayHaveArrived = true };

    /// <summary>An HTTP error without Meta's body: from a gateway in front of Meta, which may or may not have passed the request on.</summary>
    public static GraphError WithoutBody(HttpStatusCode status, TimeSpan? retryAfter) =>
        new(0, null, $"Meta answered HTTP {(int)status} without an error body.", null, null, status)
        {
            MayHaveArrived = (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable,
            RegainAccessAfter = retryAfter,
        };

    public static GraphError CircuitOpen() =>
        new(0, null, "Meta has been failing for this Page; calls pause for a moment before trying again.", null, null, null) { IsCircuitOpen = true };

    /// <summary>A connection that was never made cannot have delivered anything; one that broke after sending may have.</summary>
    public static GraphError Unreachable(HttpRequestException exception) =>
        new(0, null, $"Meta could not be reached: {exception.Message}", null, null, null)
        {
            MayHaveArrived = exception.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError),
        };
}
