using System.Net;

namespace Inbox.Core.Meta;

/// <summary>Meta's error body <c>{"error":{"message","type","code","error_subcode","fbtrace_id"}}</c>, or a transport failure.</summary>
public sealed record GraphError(int Code, int? Subcode, string Message, string? Type, string? TraceId, HttpStatusCode? Status)
{
    /// <summary>How long Meta says to wait before calling again (<c>X-Business-Use-Case-Usage</c>), when it says so.</summary>
    public TimeSpan? RegainAccessAfter { get; init; }

    private static readonly HashSet<int> s_rateLimitCodes = [4, 17, 32, 613, 80001];
    private static readonly HashSet<int> s_temporaryCodes = [1, 2, 1200];

    public bool IsRateLimit => s_rateLimitCodes.Contains(Code);

    /// <summary>Worth retrying later: rate limits, Meta's temporary errors, 5xx and timeouts (code 0).</summary>
    public bool IsTransient => IsRateLimit || s_temporaryCodes.Contains(Code) || Code == 0 || (int?)Status >= 500;

    public bool IsTokenInvalid => Code == 190;

    public override string ToString() => Subcode is null ? $"{Message} (code {Code})" : $"{Message} (code {Code}/{Subcode})";

    public static GraphError Transport(string message) => new(0, null, message, null, null, null);
}
