using System.Diagnostics;
using Dapper;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Microsoft.Extensions.Options;

namespace Inbox.Tests.Web;

/// <summary>Runs the built Inbox.Web executable as an operator would, with its own database file.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Migrate_creates_the_schema_and_says_so()
    {
        var result = await RunAsync(["migrate"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"schema version {EmbeddedMigrations.All[^1].Version}", result.Output, StringComparison.Ordinal);
        Assert.Equal(EmbeddedMigrations.All.Select(m => m.Version), await _db.Migrator().AppliedVersionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task User_add_reads_the_password_from_stdin_and_stores_only_its_hash()
    {
        var result = await RunAsync(["user", "add", "--email", "Nina@Shop.example", "--name", "Nina", "--role", "manager"], "a long secret\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Added Nina <nina@shop.example> as Manager", result.Output, StringComparison.Ordinal);
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        var hash = await connection.QuerySingleAsync<string>("SELECT password_hash FROM users WHERE email = 'nina@shop.example'");
        Assert.DoesNotContain("a long secret", hash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "user", "add", "--email", "x@y.z", "--name", "X", "--role", "Owner" }, "is not one of Agent, Manager, Admin")]
    [InlineData(new[] { "user", "add", "--email", "x@y.z", "--role", "Agent" }, "needs --name")]
    [InlineData(new[] { "token", "create", "--email", "nobody@y.z", "--name", "crm" }, "No user has the email")]
    [InlineData(new[] { "user", "remove" }, "Unknown command 'user remove'")]
    [InlineData(new[] { "token", "revoke", "--id", "12" }, "No working API token has the number 12")]
    [InlineData(new[] { "token", "revoke", "--id", "crm" }, "--id takes the number")]
    [InlineData(new[] { "bench", "--phases", "max,nap" }, "--phases takes max, rate and push, not nap")]
    [InlineData(new[] { "bench", "circuits", "--postgres", "Host=127.0.0.1" }, "Two nodes need both --postgres and --redis")]
    [InlineData(new[] { "bench", "tabs", "--url", "http://example.com" }, "only targets this machine's loopback address, not example.com")]
    public async Task Bad_input_exits_non_zero_with_a_clear_error(string[] args, string expected)
    {
        var result = await RunAsync(args, "a long secret\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_password_is_refused_and_no_user_is_added()
    {
        var result = await RunAsync(["user", "add", "--email", "x@y.z", "--name", "X", "--role", "Agent"], "short\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("at least 8 characters", result.Error, StringComparison.Ordinal);
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task Token_create_prints_a_token_once_that_authenticates_and_stores_only_its_hash()
    {
        await RunAsync(["user", "add", "--email", "ops@shop.example", "--name", "Ops", "--role", "Admin"], "a long secret\n");

        var result = await RunAsync(["token", "create", "--email", "ops@shop.example", "--name", "monitoring"]);

        Assert.Equal(0, result.ExitCode);
        var token = result.Output.Trim();
        Assert.StartsWith("inbox_", token, StringComparison.Ordinal);
        Assert.Contains("shown only this once", result.Error, StringComparison.Ordinal);
        var tokens = new Inbox.Core.ApiTokens.ApiTokenStore(new Database(Options.Create(_db.StorageOptions)), TimeProvider.System, new Inbox.Core.Users.UserChanges());
        Assert.Equal("ops@shop.example", (await tokens.FindOwnerAsync(token, CancellationToken.None))!.User.Email);
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_tokens WHERE token_hash LIKE '%' || @T || '%'", new { T = token }));
    }

    [Fact]
    public async Task Token_list_shows_working_tokens_without_secrets_and_token_revoke_stops_one()
    {
        await RunAsync(["user", "add", "--email", "ops@shop.example", "--name", "Ops", "--role", "Admin"], "a long secret\n");
        var secret = (await RunAsync(["token", "create", "--email", "ops@shop.example", "--name", "monitoring"])).Output.Trim();

        var listed = await RunAsync(["token", "list"]);
        Assert.Equal(0, listed.ExitCode);
        var row = listed.Output.Split('\n')[1].Split('\t');
        Assert.Equal(["ops@shop.example", "monitoring"], row[1..3]);
        Assert.Equal("never", row[4].Trim());
        Assert.DoesNotContain(secret[6..], listed.Output, StringComparison.Ordinal);

        var revoked = await RunAsync(["token", "revoke", "--id", row[0]]);

        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("Revoked the API token \"monitoring\" of ops@shop.example", revoked.Output, StringComparison.Ordinal);
        Assert.Contains("No API token works", (await RunAsync(["token", "list"])).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_add_stores_the_token_encrypted_and_never_prints_it()
    {
        const string token = "EAAGsecretPageToken1234567890";

        var result = await RunAsync(["page", "add", "--id", "123456789012345", "--name", "Bakery", "--time-zone", "Europe/Paris"], token + "\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Connected the Page Bakery (123456789012345)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Output + result.Error, StringComparison.Ordinal);
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        var stored = await connection.QuerySingleAsync<string>("SELECT access_token_protected FROM pages WHERE id = '123456789012345'");
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.Equal("Europe/Paris", await connection.QuerySingleAsync<string>("SELECT time_zone FROM pages"));
    }

    [Theory]
    [InlineData("not-a-number", "Page id")]
    [InlineData("123", "Unknown time zone", "Mars/Olympus")]
    public async Task Page_add_refuses_bad_input(string id, string expected, string timeZone = "UTC")
    {
        var result = await RunAsync(["page", "add", "--id", id, "--name", "Bakery", "--time-zone", timeZone], "token\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    private sealed record Result(int ExitCode, string Output, string Error);

    private async Task<Result> RunAsync(string[] args, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _db.Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Storage__Provider"] = _db.Provider,
                ["Storage__ConnectionString"] = _db.ConnectionString,
                ["Demo__Enabled"] = "false",
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Inbox.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
