namespace Inbox.Tests.Support;

/// <summary>
/// Two Inbox.Web processes on one new PostgreSQL database and the Redis test.sh starts, as two servers behind a load
/// balancer would run. Node A starts first (it migrates and seeds the demo business), then node B.
/// </summary>
public sealed class TwoNodes : IDisposable
{
    public const string RedisVariable = "INBOX_TEST_REDIS";

    private readonly Dictionary<string, string> _environment;

    private TwoNodes(TestDatabase database, Dictionary<string, string> environment, AppProcess a, AppProcess b) =>
        (Db, _environment, A, B) = (database, environment, a, b);

    public static bool RedisConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RedisVariable));

    public TestDatabase Db { get; }

    public AppProcess A { get; private set; }

    public AppProcess B { get; }

    /// <param name="settings">More configuration for both, given the addresses node A and node B will have.</param>
    public static async Task<TwoNodes> StartAsync(Func<(string A, string B), IDictionary<string, string>>? settings = null)
    {
        var database = new TestDatabase("postgres");
        var urls = (A: AppProcess.FreeUrl(), B: AppProcess.FreeUrl());
        var environment = new Dictionary<string, string>(database.Settings("__"))
        {
            ["Redis__ConnectionString"] = Environment.GetEnvironmentVariable(RedisVariable)!,
            ["Demo__Enabled"] = "true",
            ["Demo__Simulator__MessagesPerMinute"] = "0",
        };
        foreach (var (key, value) in settings?.Invoke(urls) ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        AppProcess? a = null;
        try
        {
            a = await AppProcess.StartAsync(database.Folder, environment, urls.A);
            var b = await AppProcess.StartAsync(database.Folder, environment, urls.B);
            return new TwoNodes(database, environment, a, b);
        }
        catch
        {
            // Node B did not start (or A did not): no process or database of this test outlives it.
            a?.Dispose();
            database.Dispose();
            throw;
        }
    }

    /// <summary>Starts node A again, on its address, after it was killed: it rejoins the same database and Redis.</summary>
    public async Task RestartAAsync()
    {
        var url = A.BaseUrl;
        A.Dispose();
        A = await AppProcess.StartAsync(Db.Folder, _environment, url);
    }

    /// <summary>A new API token of the demo user with that email, made in the shared database.</summary>
    public async Task<string> TokenAsync(string email)
    {
        await using var connection = await Db.Database.OpenAsync(CancellationToken.None);
        var userId = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT id FROM users WHERE email = @Email", new { Email = email });
        return await new Inbox.Core.ApiTokens.ApiTokenStore(Db.Database, TimeProvider.System, new Inbox.Core.Users.UserChanges())
            .CreateAsync(userId, "tests", CancellationToken.None);
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
        Db.Dispose();
    }
}
