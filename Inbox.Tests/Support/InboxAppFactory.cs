using Inbox.Core.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Support;

/// <summary>The whole app in demo mode on its own SQLite file; <see cref="Demo"/> names the seeded users.</summary>
public sealed class InboxAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    public InboxAppFactory()
        : this(new TestDatabase(), ownsDatabase: true)
    {
    }

    /// <summary>
    /// An app on a database the test keeps: the same process started again after a stop. Not public: xUnit builds class
    /// fixtures through their one public constructor.
    /// </summary>
    internal InboxAppFactory(TestDatabase database)
        : this(database, ownsDatabase: false)
    {
    }

    private InboxAppFactory(TestDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public static class Demo
    {
        public const string AdminEmail = "admin@demo.inbox";
        public const string AdminPassword = "demo-admin-pass";
        public const string ManagerEmail = "manager@demo.inbox";
        public const string ManagerPassword = "demo-manager-pass";
        public const string AgentEmail = "camille@demo.inbox";
        public const string AgentPassword = "demo-agent-pass";
    }

    public string DatabaseFolder => _database.Folder;

    public double SimulatorMessagesPerMinute { get; init; }

    /// <summary>More configuration, such as shorter Graph timeouts for fault tests.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _database.Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:SeedPath", SeedData.Folder);
        // Tests decide what customers say; SimulatorTests turns it on.
        builder.UseSetting("Demo:Simulator:MessagesPerMinute", SimulatorMessagesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Serves on a real loopback port (WebSockets, browsers, the sandbox calling back) and returns its URL.</summary>
    public string StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        return Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>A personal API token for a demo user.</summary>
    public async Task<string> TokenForAsync(string email)
    {
        var user = await FindUserAsync(email);
        return await Service<Inbox.Core.ApiTokens.ApiTokenStore>().CreateAsync(user!.Id, "tests", CancellationToken.None);
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Task<User?> FindUserAsync(string email) => Service<UserStore>().FindByEmailAsync(email, CancellationToken.None);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            _database.Dispose();
        }
    }
}
