using Dapper;
using Inbox.Core;
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
        _users = new UserStore(_db.Database, new PasswordHasher<User>(), TimeProvider.System, new UserChanges());
        _tokens = new ApiTokenStore(_db.Database, TimeProvider.System, new UserChanges());
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
        Assert.Equal(user.Id, (await _tokens.FindOwnerAsync(token, CancellationToken.None))!.User.Id);
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

        Assert.Null(await _tokens.FindOwnerAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task A_disabled_users_token_stops_working()
    {
        await _users.AddAsync("admin@b.c", "Admin", UserRole.Admin, "long enough", CancellationToken.None);
        var user = await _users.AddAsync("a@b.c", "Ann", UserRole.Agent, "long enough", CancellationToken.None);
        var token = await _tokens.CreateAsync(user.Id, "crm", CancellationToken.None);

        await _users.SetDisabledAsync(user.Id, true, CancellationToken.None);

        Assert.Null(await _tokens.FindOwnerAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task A_revoked_token_stops_working_and_leaves_the_list()
    {
        var user = await _users.AddAsync("a@b.c", "Ann", UserRole.Agent, "long enough", CancellationToken.None);
        var kept = await _tokens.CreateAsync(user.Id, "crm", CancellationToken.None);
        var revoked = await _tokens.CreateAsync(user.Id, "old laptop", CancellationToken.None);
        var listed = await _tokens.ListActiveAsync(CancellationToken.None);
        Assert.Equal(["old laptop", "crm"], listed.Select(token => token.Name));
        Assert.All(listed, token => Assert.Equal("a@b.c", token.UserEmail));

        var info = await _tokens.RevokeAsync(listed[0].Id, CancellationToken.None);

        Assert.Equal("old laptop", info.Name);
        Assert.Null(await _tokens.FindOwnerAsync(revoked, CancellationToken.None));
        Assert.NotNull(await _tokens.FindOwnerAsync(kept, CancellationToken.None));
        Assert.False(await _tokens.IsActiveAsync(info.Id, CancellationToken.None));
        Assert.Equal(["crm"], (await _tokens.ListActiveAsync(CancellationToken.None)).Select(token => token.Name));
        var again = await Assert.ThrowsAsync<UserInputException>(() => _tokens.RevokeAsync(info.Id, CancellationToken.None));
        Assert.Contains("token list", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_password_revokes_every_token_of_its_user_only()
    {
        var ann = await _users.AddAsync("a@b.c", "Ann", UserRole.Agent, "long enough", CancellationToken.None);
        var bob = await _users.AddAsync("b@b.c", "Bob", UserRole.Agent, "long enough", CancellationToken.None);
        var annsToken = await _tokens.CreateAsync(ann.Id, "crm", CancellationToken.None);
        var bobsToken = await _tokens.CreateAsync(bob.Id, "crm", CancellationToken.None);

        await _users.SetPasswordAsync(ann.Id, "another long one", CancellationToken.None);

        Assert.Null(await _tokens.FindOwnerAsync(annsToken, CancellationToken.None));
        Assert.NotNull(await _tokens.FindOwnerAsync(bobsToken, CancellationToken.None));
    }
}
