using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web;

public sealed class SandboxEndpointTests(InboxAppFactory app) : IClassFixture<InboxAppFactory>
{
    [Fact]
    public async Task Only_an_admins_token_may_play_customers_or_inject_faults()
    {
        var agent = app.CreateClient();
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync(InboxAppFactory.Demo.AgentEmail));
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync(InboxAppFactory.Demo.AdminEmail));

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/sandbox/faults", new { count = 1, code = 1200 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/sandbox/received")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/sandbox/received")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/sandbox/faults", new { count = 0, code = 1200 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/sandbox/received")).StatusCode);
    }

    [Fact]
    public async Task The_send_api_refuses_a_wrong_page_token_with_metas_error_190()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-page-token");

        var response = await client.PostAsJsonAsync($"/sandbox/graph/v23.0/{Fixture.DemoPageId}/messages",
            new { recipient = new { id = "someone" }, messaging_type = "RESPONSE", message = new { text = "Hi" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("error");
        Assert.Equal(190, error.GetProperty("code").GetInt32());
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
    }
}
