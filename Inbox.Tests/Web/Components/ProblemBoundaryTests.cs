using Bunit;
using Dapper;
using Inbox.Core.Audit;
using Inbox.Tests.Support;
using Inbox.Web.Components;
using Inbox.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Components;

/// <summary>A live update whose reload fails must say so with a retry, not leave a stale screen in silence.</summary>
public sealed class ProblemBoundaryTests : Inbox.Tests.Support.MudComponentTest, IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        Services.AddLocalization();
        Services.AddLogging();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new AuditLog(_db.Database, TimeProvider.System));
        Services.AddScoped<BrowserClock>();
        Services.AddSingleton(new Inbox.Core.ApiTokens.ApiTokenStore(_db.Database, TimeProvider.System, new Inbox.Core.Users.UserChanges()));
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task A_failed_live_reload_shows_a_message_with_a_retry_that_recovers()
    {
        var audit = Services.GetRequiredService<AuditLog>();
        await audit.RecordAsync(null, AuditLog.Users, "Added Ann as Agent.", CancellationToken.None);
        var view = Render<ProblemBoundary>(boundary => boundary.AddChildContent<AuditSettings>());
        view.WaitForAssertion(() => Assert.Contains("Added Ann as Agent.", view.Markup, StringComparison.Ordinal));

        // A row the list cannot read: the next live reload fails.
        await ExecuteAsync("UPDATE audit_log SET at = 'not a time'");
        await audit.RecordAsync(null, AuditLog.Users, "Added Bob as Agent.", CancellationToken.None);

        view.WaitForAssertion(() => Assert.Contains("could not be updated", view.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        await ExecuteAsync("DELETE FROM audit_log WHERE at = 'not a time'");
        await view.Find("[role=alert] button").ClickAsync(new());
        view.WaitForAssertion(() => Assert.Contains("Added Bob as Agent.", view.Markup, StringComparison.Ordinal));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }
}
