using Inbox.Core.Demo;
using Inbox.Core.Pages;
using Inbox.Core.SavedReplies;
using Inbox.Core.Storage;
using Inbox.Core.Users;
using Inbox.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Tests.Core.Demo;

public sealed class DemoSeederTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private UserStore _users = default!;
    private SavedReplyStore _replies = default!;
    private DemoSeeder _seeder = default!;
    private DemoBusiness _business = default!;

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        var time = TimeProvider.System;
        _users = new UserStore(_db.Database, new PasswordHasher<User>(), time, new UserChanges());
        _replies = new SavedReplyStore(_db.Database, time);
        _seeder = new DemoSeeder(new PageStore(_db.Database, time, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), _users, _replies, new AppSettingStore(_db.Database), NullLogger<DemoSeeder>.Instance);
        _business = await DemoBusiness.LoadAsync(SeedData.Folder, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void The_shipped_demo_business_has_a_page_every_role_two_agents_and_replies_in_english_and_french()
    {
        Assert.False(string.IsNullOrWhiteSpace(_business.Page.Id));
        Assert.Single(_business.Users, u => u.Role == UserRole.Admin);
        Assert.Single(_business.Users, u => u.Role == UserRole.Manager);
        Assert.Equal(2, _business.Users.Count(u => u.Role == UserRole.Agent));
        Assert.Contains(_business.SavedReplies, r => r.Language == "en");
        Assert.Contains(_business.SavedReplies, r => r.Language == "fr");
    }

    [Fact]
    public async Task First_start_loads_the_business()
    {
        Assert.True(await _seeder.SeedOnceAsync(_business, CancellationToken.None));

        Assert.Equal(_business.Users.Count, (await _users.ListAsync(CancellationToken.None)).Count);
        var admin = await _users.FindByEmailAsync(_business.Users.First(u => u.Role == UserRole.Admin).Email, CancellationToken.None);
        Assert.Equal(_business.SavedReplies.Count, (await _replies.ListVisibleToAsync(admin!.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Later_starts_never_undo_what_users_changed()
    {
        await _seeder.SeedOnceAsync(_business, CancellationToken.None);
        var manager = await _users.FindByEmailAsync(_business.Users.First(u => u.Role == UserRole.Manager).Email, CancellationToken.None);
        await _users.SetRoleAsync(manager!.Id, UserRole.Agent, CancellationToken.None);
        await _users.SetPasswordAsync(manager.Id, "changed by the user", CancellationToken.None);

        Assert.False(await _seeder.SeedOnceAsync(_business, CancellationToken.None));

        var after = await _users.FindByIdAsync(manager.Id, CancellationToken.None);
        Assert.Equal(UserRole.Agent, after!.Role);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<User>().VerifyHashedPassword(after, after.PasswordHash, "changed by the user"));
    }
}
