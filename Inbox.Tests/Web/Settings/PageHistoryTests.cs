using Bunit;
using Dapper;
using Inbox.Core.History;
using Inbox.Core.Live;
using Inbox.Core.Pages;
using Inbox.Tests.Support;
using Inbox.Web.Components;
using Inbox.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Tests.Web.Settings;

/// <summary>A Page's history import as Settings > Pages shows it: live progress, a slow-down, and why it stopped.</summary>
public sealed class PageHistoryTests : MudComponentTest, IAsyncLifetime
{
    private const string PageId = "104857600000041";
    private readonly TestDatabase _db = new();
    private readonly LiveFeed _feed = new(NullLogger<LiveFeed>.Instance);
    private HistoryImportStore _imports = default!;

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        Services.AddLocalization();
        _imports = new HistoryImportStore(_db.Database, _feed, new HistorySignal(), TimeProvider.System);
        Services.AddSingleton(_imports);
        Services.AddSingleton(_feed);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new Inbox.Core.Audit.AuditLog(_db.Database, TimeProvider.System));
        Services.AddScoped<BrowserClock>();
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("INSERT INTO pages (id, name, time_zone, created_at) VALUES (@PageId, 'Bougies', 'UTC', 0)", new { PageId });
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task A_running_import_shows_its_progress_live_and_says_when_meta_slows_it()
    {
        var view = Render<PageHistory>(p => p.Add(c => c.PageId, PageId).Add(c => c.PageName, "Bougies").Add(c => c.CanImport, true));
        view.WaitForAssertion(() => Assert.Contains("No history imported.", view.Markup, StringComparison.Ordinal));

        await _imports.StartAsync(PageId, 30, CancellationToken.None);
        view.WaitForAssertion(() => Assert.Contains("Finding conversations and posts", view.Markup, StringComparison.Ordinal));
        await _imports.ListedAsync(PageId, [new("conversation", "t_1", "t_1/messages"), new("conversation", "t_2", "t_2/messages")], [], null, HistoryImport.ReadingItems,
            CancellationToken.None);
        await _imports.ItemReadAsync(PageId, new("conversation", "t_1", "t_1/messages"), null, (_, _) => Task.FromResult(new HistoryImportStore.Brought(12, 0, [])),
            CancellationToken.None);
        await _imports.PaceAsync((await _imports.GetAsync(PageId, CancellationToken.None))!, DateTimeOffset.UtcNow.AddMinutes(1), DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        view.WaitForAssertion(() =>
        {
            Assert.Contains("1 of 2 conversations and posts read", view.Markup, StringComparison.Ordinal);
            Assert.Contains("12 messages, 0 comments brought in", view.Markup, StringComparison.Ordinal);
            Assert.Contains("near its rate limit", view.Find("[data-testid=history-slowed]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_stopped_import_says_why_in_words_with_metas_own_as_text()
    {
        await _imports.StartAsync(PageId, 30, CancellationToken.None);
        await _imports.StopAsync(PageId, TokenProblem.PasswordChanged, "Error validating access token: <b>session invalidated</b>", CancellationToken.None);

        var view = Render<PageHistory>(p => p.Add(c => c.PageId, PageId).Add(c => c.PageName, "Bougies"));

        view.WaitForAssertion(() =>
        {
            var stopped = view.Find("[data-testid=history-stopped]");
            Assert.Contains("The import stopped: the password of the Facebook account that connected the Page was changed", stopped.TextContent, StringComparison.Ordinal);
            Assert.Contains("<b>session invalidated</b>", stopped.TextContent, StringComparison.Ordinal);
            Assert.Empty(stopped.QuerySelectorAll("b"));
        });
        Assert.Empty(view.FindAll("[data-testid=history-import]"));
    }

    [Fact]
    public async Task The_dashboard_says_when_a_pages_figures_include_history_from_before_its_connection()
    {
        await _imports.StartAsync(PageId, 30, CancellationToken.None);
        var connected = (await _imports.GetAsync(PageId, CancellationToken.None))!.CountsFrom;
        var none = new Inbox.Core.Responsiveness.ResponsivenessFigures(0, 0, 0, 0, null, null, null);
        var report = new Inbox.Core.Responsiveness.ResponsivenessReport(connected.AddDays(-7), connected.AddDays(1), connected, TimeZoneInfo.Utc,
            Inbox.Core.Responsiveness.ResponsivenessTargets.FiveMinuteRule, none, 0, [new(PageId, "Bougies", none)], [], [], [], []);

        var note = Render<Inbox.Web.Features.Dashboard.ImportedHistoryNote>(p => p.Add(c => c.Report, report));
        note.WaitForState(() => note.FindAll("[data-testid=imported-history-note]").Count == 0);

        await _imports.SetIncludeInReportAsync(PageId, include: true, CancellationToken.None);
        note.Render(p => p.Add(c => c.Report, report with { Now = connected.AddSeconds(1) }));
        note.WaitForAssertion(() => Assert.Contains("Bougies: includes history imported from before", note.Find("[data-testid=imported-history-note]").TextContent,
            StringComparison.Ordinal));
        // A range that starts after the connection holds no imported history.
        note.Render(p => p.Add(c => c.Report, report with { From = connected.AddSeconds(1) }));
        note.WaitForAssertion(() => Assert.Empty(note.FindAll("[data-testid=imported-history-note]")));
    }
}
