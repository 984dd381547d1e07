using Dapper;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Storage;

/// <summary>
/// Pooled PostgreSQL connections go back to the pool as they are: Inbox keeps nothing in a session, and resetting each
/// one cost seven statements per open, hundreds of times a second under load (issue #15).
/// </summary>
public sealed class PostgresPoolTests
{
    [PostgresFact]
    public async Task A_pooled_connection_is_handed_out_again_without_a_reset()
    {
        using var database = new TestDatabase("postgres");
        await using (var connection = await database.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("SET application_name = 'left by the last user'");
        }

        await using var again = await database.Database.OpenAsync(CancellationToken.None);

        Assert.Equal("left by the last user", await again.QuerySingleAsync<string>("SELECT current_setting('application_name')"));
    }
}
