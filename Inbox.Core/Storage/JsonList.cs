using System.Text.Json;

namespace Inbox.Core.Storage;

/// <summary>A list of strings kept in one TEXT column as a JSON array; empty lists are stored as NULL.</summary>
public static class JsonList
{
    public static string? ToJson(IReadOnlyList<string>? items) => items is { Count: > 0 } ? JsonSerializer.Serialize(items) : null;

    public static IReadOnlyList<string> FromJson(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
