using System.Net;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web;

public sealed class RoleTests(InboxAppFactory app) : IClassFixture<InboxAppFactory>
{
    [Theory]
    [InlineData(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword, "/saved-replies", true)]
    [InlineData(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword, "/dashboard", false)]
    [InlineData(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword, "/settings", false)]
    [InlineData(InboxAppFactory.Demo.ManagerEmail, InboxAppFactory.Demo.ManagerPassword, "/dashboard", true)]
    [InlineData(InboxAppFactory.Demo.ManagerEmail, InboxAppFactory.Demo.ManagerPassword, "/settings", false)]
    [InlineData(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword, "/dashboard", true)]
    [InlineData(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword, "/settings", true)]
    [InlineData(InboxAppFactory.Demo.ManagerEmail, InboxAppFactory.Demo.ManagerPassword, "/system", false)]
    [InlineData(InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword, "/system", true)]
    public async Task Pages_are_open_only_to_the_roles_they_name(string email, string password, string path, bool allowed)
    {
        var client = await BrowserlessClient.SignedInAsync(app, email, password);

        var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/access-denied", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Navigation_shows_an_agent_only_what_they_may_open()
    {
        var agent = await BrowserlessClient.SignedInAsync(app, InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);
        var admin = await BrowserlessClient.SignedInAsync(app, InboxAppFactory.Demo.AdminEmail, InboxAppFactory.Demo.AdminPassword);

        var agentPage = await agent.GetStringAsync("/");
        var adminPage = await admin.GetStringAsync("/");

        Assert.DoesNotContain("href=\"settings\"", agentPage, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"dashboard\"", agentPage, StringComparison.Ordinal);
        Assert.Contains("href=\"settings\"", adminPage, StringComparison.Ordinal);
        Assert.Contains("href=\"dashboard\"", adminPage, StringComparison.Ordinal);
    }
}
