using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Core.Conversations;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web;

/// <summary>The report over the API (managers' tokens) and its CSV export (signed-in managers), end to end.</summary>
public sealed class ResponsivenessApiTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_manager_reads_rate_median_badge_agents_and_days_an_agent_is_refused()
    {
        var conversation = await _app.CustomerWritesAsync("psid-report", "Do you deliver on Sundays?");
        await _app.MessageWhenAsync(await _app.AgentRepliesAsync(conversation.Id, "We do, in Lyon."), MessageStatus.Sent);
        await _app.CustomerWritesAsync("psid-report-2", "Hello?");
        using var manager = await ApiAsync(InboxAppFactory.Demo.ManagerEmail);
        using var agent = await ApiAsync(InboxAppFactory.Demo.AgentEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/reports/responsiveness")).StatusCode);
        var report = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/reports/responsiveness?pageId={Fixture.DemoPageId}");

        Assert.Equal(2, report.GetProperty("newMessages").GetInt32());
        Assert.Equal(1, report.GetProperty("answered").GetInt32());
        Assert.Equal(1, report.GetProperty("pending").GetInt32());
        Assert.Equal(100.0, report.GetProperty("ratePercent").GetDouble());
        Assert.True(report.GetProperty("medianSeconds").GetDouble() < 60);
        Assert.True(report.GetProperty("badge").GetBoolean());
        Assert.Equal((50.0, false), (report.GetProperty("ifWaitingMissed").GetProperty("ratePercent").GetDouble(), report.GetProperty("ifWaitingMissed").GetProperty("badge").GetBoolean()));
        var camille = Assert.Single(report.GetProperty("agents").EnumerateArray());
        Assert.Equal(("Camille Dubois", 1), (camille.GetProperty("name").GetString(), camille.GetProperty("responses").GetInt32()));
        // Seven days back from now touch eight calendar days.
        Assert.Equal(8, report.GetProperty("days").GetArrayLength());
        Assert.Equal(5, report.GetProperty("targets").GetProperty("medianMinutes").GetInt32());
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_refused_plainly()
    {
        using var manager = await ApiAsync(InboxAppFactory.Demo.ManagerEmail);

        var response = await manager.GetAsync("/api/v1/reports/responsiveness?from=2026-11-20T00:00:00Z&to=2026-11-10T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("end of the range must come after its start", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/reports/responsiveness?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z", "this one asks for 3,652,058")]
    [InlineData("/api/v1/reports/responsiveness?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", "this one asks for 367")]
    public async Task A_range_longer_than_a_year_is_refused_before_anything_is_read(string url, string expected)
    {
        using var manager = await ApiAsync(InboxAppFactory.Demo.ManagerEmail);

        var response = await manager.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ApiAsync(string email)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.TokenForAsync(email));
        return client;
    }
}
