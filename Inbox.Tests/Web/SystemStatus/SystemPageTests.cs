using Bunit;
using Inbox.Core.Operations;
using Inbox.Core.Ingestion;
using Inbox.Tests.Support;
using Inbox.Web.Features.SystemStatus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Tests.Web.SystemStatus;

public sealed class SystemPageTests : BunitContext, IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private BacklogMonitor _backlog = default!;

    public async Task InitializeAsync()
    {
        await _db.MigratedAsync();
        Services.AddLocalization();
        _backlog = new BacklogMonitor(_db.Database, TimeProvider.System, NullLogger<BacklogMonitor>.Instance);
        Services.AddSingleton(_backlog);
        Services.AddSingleton<IHostedService>(_backlog);
        Services.AddSingleton<MetricTotals>();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task The_backlog_is_shown_in_words_and_follows_each_measurement_live()
    {
        await _backlog.MeasureAsync(CancellationToken.None);
        var page = Render<SystemPage>();
        Assert.Contains("0 waiting to be applied", page.Find("[data-testid=system-backlog]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".sparkline polyline"));

        await new WebhookDeliveryStore(_db.Database, TimeProvider.System).AppendAsync(["{}"u8.ToArray(), "{}"u8.ToArray()], CancellationToken.None);
        await _backlog.MeasureAsync(CancellationToken.None);

        page.WaitForAssertion(() => Assert.Contains("2 waiting to be applied", page.Find("[data-testid=system-backlog]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(page.FindAll(".sparkline polyline"));
        Assert.Contains("BacklogMonitor", page.Find("[data-testid=system-workers]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_since_start_are_read_from_the_same_instruments_as_metrics()
    {
        var totals = Services.GetRequiredService<MetricTotals>();
        var before = totals.Total("inbox.sends", "result", "sent");

        InboxMetrics.Sends.Add(1, new("result", "sent"), new("code", 0));
        InboxMetrics.Sends.Add(1, new("result", "failed"), new("code", 551));
        InboxMetrics.WebhookToPush.Record(0.012);

        Assert.True(totals.Total("inbox.sends", "result", "sent") >= before + 1);
        Assert.Contains(totals.ByTag("inbox.sends", "code"), code => code.Value == "551");
        var page = Render<SystemPage>();
        Assert.Contains("#551", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("No delivery applied", page.Find("[data-testid=system-push]").TextContent, StringComparison.Ordinal);
    }
}
