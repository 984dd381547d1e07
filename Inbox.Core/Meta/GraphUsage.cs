using System.Net.Http.Headers;
using System.Text.Json;

namespace Inbox.Core.Meta;

/// <summary>
/// How much of its rate limits the app has used, as Meta reports it on every answer: <c>X-App-Usage</c> and
/// <c>X-Page-Usage</c> (<c>{"call_count":28,"total_time":25,"total_cputime":25}</c>, percentages) and
/// <c>X-Business-Use-Case-Usage</c> (the same per business and use case, with <c>estimated_time_to_regain_access</c> in
/// minutes). <see cref="Percent"/> is the highest figure of any of them: the limit nearest to being reached.
/// </summary>
public sealed record GraphUsage(int Percent, TimeSpan? RegainAccessAfter)
{
    public static readonly GraphUsage Unknown = new(0, null);

    private static readonly string[] s_flatHeaders = ["X-App-Usage", "X-Page-Usage"];
    private static readonly string[] s_figures = ["call_count", "total_time", "total_cputime"];

    public static GraphUsage From(HttpResponseHeaders headers)
    {
        var percent = 0;
        foreach (var name in s_flatHeaders)
        {
            if (headers.TryGetValues(name, out var values) && Parse(values.FirstOrDefault()) is { } flat)
            {
                percent = Math.Max(percent, Highest(flat.RootElement));
                flat.Dispose();
            }
        }
        if (headers.TryGetValues(BusinessUseCaseUsage.HeaderName, out var business) && Parse(business.FirstOrDefault()) is { } document)
        {
            using (document)
            {
                foreach (var useCases in document.RootElement.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Array))
                {
                    foreach (var useCase in useCases.Value.EnumerateArray())
                    {
                        percent = Math.Max(percent, Highest(useCase));
                    }
                }
            }
        }
        return new GraphUsage(percent, BusinessUseCaseUsage.RegainAccessAfter(headers));
    }

    private static int Highest(JsonElement figures) =>
        figures.ValueKind != JsonValueKind.Object ? 0
            : s_figures.Select(name => figures.TryGetProperty(name, out var value) && value.TryGetDouble(out var number) ? (int)Math.Ceiling(number) : 0).Max();

    private static JsonDocument? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        try
        {
            var document = JsonDocument.Parse(header);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            // A header that cannot be read says nothing: the ordinary pace applies.
            return null;
        }
    }
}
