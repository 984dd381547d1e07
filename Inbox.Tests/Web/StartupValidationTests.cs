using Inbox.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Inbox.Tests.Web;

public sealed class StartupValidationTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Postgres_without_redis_stops_start_up_naming_the_key()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Storage:Provider", "postgres");
            builder.UseSetting("Storage:ConnectionString", "Host=127.0.0.1;Port=1;Database=never_reached");
        });

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("Redis:ConnectionString (env Redis__ConnectionString)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_demo_mode_a_missing_app_secret_stops_start_up_naming_the_keys()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Storage:Provider", _db.Provider);
            builder.UseSetting("Storage:ConnectionString", _db.ConnectionString);
            builder.UseSetting("Demo:Enabled", "false");
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Meta:AppSecret (env Meta__AppSecret)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Meta:VerifyToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_demo_mode_with_its_secrets_the_app_starts_without_demo_data_or_sandbox()
    {
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Storage:Provider", _db.Provider);
            builder.UseSetting("Storage:ConnectionString", _db.ConnectionString);
            builder.UseSetting("Demo:Enabled", "false");
            builder.UseSetting("Meta:AppSecret", "a-real-secret");
            builder.UseSetting("Meta:VerifyToken", "a-verify-token");
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        // Without the sandbox its address is just an unknown page, which asks for sign-in like every other.
        var sandbox = await client.PostAsync("/sandbox/graph/v23.0/1/messages", new StringContent("{}"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, sandbox.StatusCode);
        Assert.Equal("/login", sandbox.Headers.Location!.AbsolutePath);
        var login = await client.GetStringAsync("/login");
        Assert.DoesNotContain("demo-hint", login, StringComparison.Ordinal);
    }
}
