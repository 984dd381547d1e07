using System.Net;
using Dapper;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Inbox.Web.Endpoints;

namespace Inbox.Tests.Web;

/// <summary>The dashboard's CSV export, for signed-in managers only.</summary>
public sealed class ResponsivenessCsvTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_csv_export_lists_each_new_message_and_defuses_formulas_in_names()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await _app.PostSignedWebhookAsync(System.Text.Encoding.UTF8.GetBytes($$$"""
            {"object":"page","entry":[{"id":"{{{Fixture.DemoPageId}}}","time":{{{now}}},"messaging":[{"sender":{"id":"psid-formula"},"recipient":{"id":"{{{Fixture.DemoPageId}}}"},"timestamp":{{{now}}},"message":{"mid":"m_formula","text":"Hi"}}]}]}
            """));
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None);
            // A name as a person could choose it: a spreadsheet formula.
            return await connection.ExecuteAsync("UPDATE contacts SET name = '=HYPERLINK(\"http://evil.example\",\"x\")' WHERE psid = 'psid-formula'") == 1;
        }, "the contact");
        using var manager = await BrowserlessClient.SignedInAsync(_app, InboxAppFactory.Demo.ManagerEmail, InboxAppFactory.Demo.ManagerPassword);
        using var agent = await BrowserlessClient.SignedInAsync(_app, InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);

        var csv = await manager.GetStringAsync(ResponsivenessEndpoints.CsvPath);

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("conversation_id,page,contact,received_at,clock_started_at,responded_at,response_seconds,outcome,responder", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", row, StringComparison.Ordinal);
        Assert.EndsWith(",pending,", row, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync(ResponsivenessEndpoints.CsvPath)).StatusCode);
    }
}
