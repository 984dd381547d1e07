using Dapper;

namespace Inbox.Core.Storage;

/// <summary>Small facts about this installation, as key/value text.</summary>
public sealed class AppSettingStore(Database database)
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT value FROM app_settings WHERE key = @Key", new { Key = key }, cancellationToken: cancellationToken));
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO app_settings (key, value) VALUES (@Key, @Value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { Key = key, Value = value }, cancellationToken: cancellationToken));
    }
}
