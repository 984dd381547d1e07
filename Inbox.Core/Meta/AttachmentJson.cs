using System.Text.Json;

namespace Inbox.Core.Meta;

/// <summary>How attachments are kept in a row (messages.attachments, comments.attachments): a JSON array.</summary>
public static class AttachmentJson
{
    // Nulls are left out: most attachments have no subtitle or picture, and rows stay small.
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string? Write(IReadOnlyList<Attachment> attachments) =>
        attachments.Count == 0 ? null : JsonSerializer.Serialize(attachments, s_json);

    public static IReadOnlyList<Attachment> Read(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<Attachment>>(json, s_json) ?? [];
}
