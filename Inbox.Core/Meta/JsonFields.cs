using System.Globalization;
using System.Text.Json;

namespace Inbox.Core.Meta;

/// <summary>
/// Reads fields of Meta's JSON loosely where Meta is loose: ids and numbers as strings or numbers, names in any case
/// ("URL" beside "url"). A field of the wrong kind reads as missing, and the caller decides whether that matters.
/// </summary>
internal static class JsonFields
{
    public static JsonElement? Field(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }

    public static JsonElement? Object(JsonElement element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    /// <summary>Text, or a number's digits (ids are sent both ways).</summary>
    public static string? Text(JsonElement element, string name) => Field(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    /// <summary>A whole number, or text holding one (Meta's own examples quote some numbers).</summary>
    public static long? Int64(JsonElement element, string name) => Field(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
        { ValueKind: JsonValueKind.String } value when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    public static double? Double(JsonElement element, string name) => Field(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { ValueKind: JsonValueKind.String } value when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };
}
