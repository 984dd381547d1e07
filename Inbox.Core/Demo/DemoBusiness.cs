using System.Text.Json;
using Inbox.Core.Users;

namespace Inbox.Core.Demo;

/// <summary>The demo business as written in <c>seed-data/demo-business.json</c>.</summary>
public sealed record DemoBusiness(DemoPage Page, IReadOnlyList<DemoUser> Users, IReadOnlyList<DemoSavedReply> SavedReplies)
{
    public const string FileName = "demo-business.json";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<DemoBusiness> LoadAsync(string seedDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(seedDirectory, FileName);
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<DemoBusiness>(stream, s_json, cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}

public sealed record DemoPage(string Id, string Name, string TimeZone);

public sealed record DemoUser(string Email, string Name, UserRole Role, string Password);

public sealed record DemoSavedReply(string Title, string Shortcut, string Language, string Body);
