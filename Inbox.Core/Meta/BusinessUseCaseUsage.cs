using System.Net.Http.Headers;
using System.Text.Json;

namespace Inbox.Core.Meta;

/// <summary>
/// Reads Meta's <c>X-Business-Use-Case-Usage</c> header:
/// <c>{"&lt;business-id&gt;":[{"type":"messenger","call_count":100,"total_cputime":12,"total_time":15,"estimated_time_to_regain_access":5}]}</c>,
/// the last in minutes.
/// </summary>
public static class BusinessUseCaseUsage
{
    public const string HeaderName = "X-Business-Use-Case-Usage";

    /// <summary>The longest wait any use case names, or null when the header is absent, malformed or says no wait.</summary>
    public static TimeSpan? RegainAccessAfter(HttpResponseHeaders headers) =>
        headers.TryGetValues(HeaderName, out var values) ? RegainAccessAfter(values.FirstOrDefault()) : null;

    public static TimeSpan? RegainAccessAfter(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(header);
            var minutes = 0.0;
            foreach (var business in document.RootElement.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Array))
            {
                foreach (var useCase in business.Value.EnumerateArray())
                {
                    if (useCase.TryGetProperty("estimated_time_to_regain_access", out var wait) && wait.TryGetDouble(out var value))
                    {
                        minutes = Math.Max(minutes, value);
                    }
                }
            }
            return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
        }
        catch (JsonException)
        {
            // A header we cannot read is ignored: the ordinary back-off still applies.
            return null;
        }
    }
}
