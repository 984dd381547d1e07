using Bunit;
using Inbox.Core.Audit;
using Inbox.Core.Responsiveness;
using Inbox.Core.Storage;
using Inbox.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Inbox.Tests.Web.Dashboard;

/// <summary>The targets are saved in the database and written to the audit log, with who changed them.</summary>
public sealed class TargetsPickerTests : Inbox.Tests.Support.MudComponentTest
{
    private readonly Support.TestDatabase _database = new();

    public TargetsPickerTests()
    {
        _database.MigratedAsync().GetAwaiter().GetResult();
        Services.AddLocalization();
        Services.AddSingleton(_database.Database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<AppSettingStore>();
        Services.AddSingleton<ResponsivenessSettings>();
        Services.AddSingleton<AuditLog>();
        AddAuthorization().SetAuthorized("Morgan Martin");
    }

    [Fact]
    public async Task Choosing_the_fifteen_minute_preset_saves_it_audits_it_and_tells_the_dashboard()
    {
        var saved = 0;
        Render<MudPopoverProvider>();
        var picker = Render<TargetsPicker>(p => p.Add(t => t.Targets, ResponsivenessTargets.FiveMinuteRule).Add(t => t.OnSaved, () => saved++));

        await picker.InvokeAsync(() => picker.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("15"));

        Assert.Equal(ResponsivenessTargets.FifteenMinuteRule, await Services.GetRequiredService<ResponsivenessSettings>().GetAsync(CancellationToken.None));
        Assert.Equal(1, saved);
        var entry = Assert.Single(await Services.GetRequiredService<AuditLog>().ListAsync(10, CancellationToken.None));
        Assert.Contains("15", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_targets_open_a_form_with_the_current_figures_and_a_figure_out_of_range_is_brought_within_it()
    {
        Render<MudPopoverProvider>();
        var picker = Render<TargetsPicker>(p => p.Add(t => t.Targets, ResponsivenessTargets.FiveMinuteRule));

        await picker.InvokeAsync(() => picker.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("custom"));
        Assert.Equal(["90", "5", "7"], picker.FindAll("form.dashboard-targets input").Select(i => i.GetAttribute("value")));

        picker.FindAll("form.dashboard-targets input")[1].Change("5000");
        picker.Find("form.dashboard-targets").Submit();

        Assert.Equal(new ResponsivenessTargets(90, 1440, 7), await Services.GetRequiredService<ResponsivenessSettings>().GetAsync(CancellationToken.None));
        Assert.Single(await Services.GetRequiredService<AuditLog>().ListAsync(10, CancellationToken.None));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}
