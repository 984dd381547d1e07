using Inbox.Core.Pages;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Web.Settings;

/// <summary>The daily token check against the sandbox's <c>/debug_token</c>, over real HTTP.</summary>
public sealed class TokenHealthTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_token_whose_owner_changed_their_password_marks_the_page_with_that_reason_and_replies_stop()
    {
        const string PageId = "104857600000009";
        await _app.Service<PageConnector>().ConnectAsync(PageId, "Bougies du Sud", "sandbox-page-bougies", "Europe/Paris", CancellationToken.None);
        var health = _app.Service<TokenHealth>();
        await health.CheckAsync(PageId, CancellationToken.None);
        Assert.Null((await PageAsync(PageId)).DisconnectedAt);

        _app.Service<SandboxLogin>().Revoke(PageId, 460);
        await health.CheckAsync(PageId, CancellationToken.None);

        var page = await PageAsync(PageId);
        Assert.NotNull(page.DisconnectedAt);
        Assert.Equal(TokenProblem.PasswordChanged, page.DisconnectedKind);
        Assert.Contains("changed their password", page.DisconnectedReason, StringComparison.Ordinal);
        Assert.True(await _app.Service<PageStore>().IsDisconnectedAsync(PageId, CancellationToken.None));
    }

    [Fact]
    public async Task A_permission_removed_since_connecting_is_named_for_the_page()
    {
        const string PageId = "104857600000008";
        var token = _app.Service<SandboxLogin>().NewPageToken(new SandboxLogin.Grant([PageId], ["pages_manage_engagement"], "", DateTimeOffset.MaxValue));
        await _app.Service<PageConnector>().ConnectAsync(PageId, "Cire Naturelle", token, "UTC", CancellationToken.None);

        await _app.Service<TokenHealth>().CheckAsync(PageId, CancellationToken.None);

        var page = await PageAsync(PageId);
        Assert.Null(page.DisconnectedAt);
        Assert.Equal("pages_manage_engagement", page.DeclinedPermissions);
    }

    [Fact]
    public async Task The_check_shows_the_webhook_subscription_as_meta_has_it()
    {
        const string PageId = "104857600000006";
        var login = _app.Service<SandboxLogin>();
        await _app.Service<PageConnector>().ConnectAsync(PageId, "Lumignon", "sandbox-page-lumignon", "UTC", CancellationToken.None);
        login.Subscribe(PageId, ["messages", "feed"]);

        await _app.Service<TokenHealth>().CheckAsync(PageId, CancellationToken.None);
        Assert.Equal("messages,feed", (await PageAsync(PageId)).WebhookFields);

        // Removed on Facebook's side (the Page's settings): the next check says so.
        login.Unsubscribe(PageId);
        await _app.Service<TokenHealth>().CheckAsync(PageId, CancellationToken.None);
        Assert.Null((await PageAsync(PageId)).WebhookFields);
    }

    [Fact]
    public async Task Each_page_is_checked_once_a_day_and_a_page_connected_again_is_checked_again()
    {
        const string PageId = "104857600000007";
        var pages = _app.Service<PageStore>();
        await _app.Service<PageConnector>().ConnectAsync(PageId, "Mèche & Co", "sandbox-page-meche", "UTC", CancellationToken.None);

        Assert.Contains(PageId, await pages.ClaimTokenChecksAsync(TokenHealth.Interval, CancellationToken.None));
        Assert.DoesNotContain(PageId, await pages.ClaimTokenChecksAsync(TokenHealth.Interval, CancellationToken.None));
        await _app.Service<PageConnector>().ConnectAsync(PageId, "Mèche & Co", "sandbox-page-meche-2", "UTC", CancellationToken.None);
        Assert.Contains(PageId, await pages.ClaimTokenChecksAsync(TokenHealth.Interval, CancellationToken.None));
    }

    // Workers start before the server listens. The demo Pages' first check reached for the sandbox too early, failed as
    // "not listening yet" and was put off for ten minutes; Graph calls to the sandbox now wait for the server.
    [Fact]
    public async Task The_check_at_start_up_waits_for_the_sandbox_and_is_done()
    {
        const string Sql = "SELECT token_checked_at FROM pages WHERE id = @Id";
        var database = _app.Service<Inbox.Core.Storage.Database>();
        async Task<long?> CheckedAtAsync()
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            return await Dapper.SqlMapper.ExecuteScalarAsync<long?>(connection, Sql, new { Id = Fixture.DemoPageId });
        }

        await Eventually.TrueAsync(async () => await CheckedAtAsync() is not null, "the demo Page's first token check");
        // A check that got no answer gives its claim back at once.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.NotNull(await CheckedAtAsync());
    }

    private async Task<FacebookPage> PageAsync(string id) =>
        (await _app.Service<PageStore>().ListAsync(CancellationToken.None)).Single(p => p.Id == id);
}
