using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inbox.Core.ApiTokens;
using Inbox.Tests.Support;
using Inbox.Web.Endpoints;

namespace Inbox.Tests.Web;

public sealed class ApiTokenTests(InboxAppFactory app) : IClassFixture<InboxAppFactory>
{
    [Fact]
    public async Task The_api_refuses_a_request_without_a_token()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("inbox_wrong")]
    [InlineData("not-even-our-format")]
    public async Task The_api_refuses_a_wrong_token(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_api_answers_a_valid_token_as_its_user_in_camel_case()
    {
        var manager = await app.FindUserAsync(InboxAppFactory.Demo.ManagerEmail);
        var token = await app.Service<ApiTokenStore>().CreateAsync(manager!.Id, "reporting", CancellationToken.None);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"email\":\"manager@demo.inbox\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var me = await response.Content.ReadFromJsonAsync<ApiEndpoints.MeResponse>();
        Assert.Equal("Manager", me!.Role);
    }

    [Fact]
    public async Task A_browser_session_cookie_does_not_open_the_api()
    {
        var client = await BrowserlessClient.SignedInAsync(app, InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword);

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
