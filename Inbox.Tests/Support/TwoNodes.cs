namespace Inbox.Tests.Support;

/// <summary>
/// Two Inbox.Web processes on one new PostgreSQL database and the Redis test.sh starts, as two servers behind a load
/// balancer would run. Node A starts first (it migrates and seeds the demo business), then node B.
/// </summary>
public sealed class TwoNodes : IDisposable
{
    public const string RedisVariable = "INBOX_TEST_REDIS";

    private TwoNodes(TestDatabase database, AppProcess a, AppProcess b) => (Db, A, B) = (database, a, b);

    public static bool RedisConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RedisVariable));

    public TestDatabase Db { get; }

    public AppProcess A { get; private set; }

    public AppProcess B { get; }

    public static async Task<TwoNodes> StartAsync(IDictionary<string, string>? settings = null)
    {
        var database = new TestDatabase("postgres");
        var environment = NodeEnvironment(database, settings);
        var a = await AppProcess.StartAsync(database.Folder, environment);
        var b = await AppProcess.StartAsync(database.Folder, environment);
        return new TwoNodes(database, a, b);
    }

    /// <summary>Starts node A again after it was killed; it rejoins the same database and Redis.</summary>
    public async Task RestartAAsync(IDictionary<string, string>? settings = null)
    {
        A.Dispose();
        A = await AppProcess.StartAsync(Db.Folder, NodeEnvironment(Db, settings));
    }

    private static Dictionary<string, string> NodeEnvironment(TestDatabase database, IDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>(database.Settings("__"))
        {
            ["Redis__ConnectionString"] = System.Environment.GetEnvironmentVariable(RedisVariable)!,
            ["Demo__Enabled"] = "true",
            ["Demo__Simulator__MessagesPerMinute"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return environment;
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
        Db.Dispose();
    }
}
