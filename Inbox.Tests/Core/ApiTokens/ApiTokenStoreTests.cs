using Dapper;
using Inbox.Core.ApiTokens;
using Inbox.Core.Users;
using Inbox.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Tests.Core.ApiTokens;

public sealed class ApiTokenStoreTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private UserStore _users = default!;
    private ApiTokenStore _tokens = default!;

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        _users = new UserStore(_db.Database, new PasswordHasher<User>(), TimeProvider.System);
        _tokens = new ApiTokenStore(_db.Database, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_token_finds_its_user_and_only_its_hash_is_stored()
    {
        var user = await _users.AddAsync("a@b.c", "Ann", UserRole.Agent, "long enough", CancellationToken.None);

        var token = await _tokens.CreateAsync(user.Id, "crm sync", CancellationToken.None);

        Assert.StartsWith(ApiTokenStore.Prefix, token, StringComparison.Ordinal);
        Assert.Equal(user.Id, (await _tokens.FindUserAsync(token, CancellationToken.None))!.Id);
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        var stored = await connection.QuerySingleAsync<string>("SELECT token_hash FROM api_tokens");
        Assert.DoesNotContain(token[ApiTokenStore.Prefix.Length..], stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("inbox_")]
    [InlineData("inbox_not-a-real-token")]
    [InlineData("Bearer something")]
    public async Task Unknown_tokens_find_nobody(string token)
    {
        var user = await _users.AddAsync("a@b.c", "Ann", UserRole.Agent, "long enough", CancellationToken.None);
        await _tokens.CreateAsync(user.Id, "crm", CancellationToken.None);

        Assert.Null(await _tokens.FindUserAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task A_disabled_users_token_stops_working()
    {
        await _users.AddAsync("admin@b.c", "Admin", UserRole.Admin, "long enough", CancellationToken.None);
        var user = await _users.AddAsync("a@b.c", "Ann", UserRole.Agent, "long enough", CancellationToken.None);
        var token = await _tokens.CreateAsync(user.Id, "crm", CancellationToken.None);

        await _users.SetDisabledAsync(user.Id, true, CancellationToken.None);

        Assert.Null(await _tokens.FindUserAsync(token, CancellationToken.None));
    }
}
