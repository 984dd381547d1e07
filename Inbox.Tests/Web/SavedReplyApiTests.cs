using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web;

public sealed class SavedReplyApiTests(InboxAppFactory app) : IClassFixture<InboxAppFactory>
{
    private static readonly string[] s_buttons = ["Thanks!", "Talk to a person"];

    [Fact]
    public async Task A_manager_creates_updates_and_archives_a_team_reply()
    {
        var manager = await ClientAsync(InboxAppFactory.Demo.ManagerEmail);

        var created = await manager.PostAsJsonAsync("/api/v1/saved-replies", new { title = "Opening hours", shortcut = "hours", language = "en", body = "We're open 10 to 18.", personal = false, quickReplies = s_buttons });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("quickReplies").GetArrayLength());
        var id = body.GetProperty("id").GetInt64();

        var updated = await manager.PutAsJsonAsync($"/api/v1/saved-replies/{id}", new { title = "Opening hours", shortcut = "hours", language = "en", body = "We're open 10 to 19.", personal = false });
        Assert.Equal("We're open 10 to 19.", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("body").GetString());

        var agent = await ClientAsync(InboxAppFactory.Demo.AgentEmail);
        Assert.Contains(await agent.GetFromJsonAsync<JsonElement[]>("/api/v1/saved-replies") ?? [], r => r.GetProperty("id").GetInt64() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/saved-replies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/saved-replies/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_agent_keeps_personal_replies_but_cannot_touch_team_ones()
    {
        var agent = await ClientAsync(InboxAppFactory.Demo.AgentEmail);
        var team = (await agent.GetFromJsonAsync<JsonElement[]>("/api/v1/saved-replies"))!.First(r => !r.GetProperty("personal").GetBoolean());

        var teamCreate = await agent.PostAsJsonAsync("/api/v1/saved-replies", new { title = "T", shortcut = "t", language = "en", body = "B", personal = false });
        var teamEdit = await agent.PutAsJsonAsync($"/api/v1/saved-replies/{team.GetProperty("id").GetInt64()}", new { title = "T", shortcut = "t", language = "en", body = "B" });
        var teamDelete = await agent.DeleteAsync($"/api/v1/saved-replies/{team.GetProperty("id").GetInt64()}");
        var personal = await agent.PostAsJsonAsync("/api/v1/saved-replies", new { title = "My sign-off", shortcut = "ciao", language = "fr", body = "Bonne journée !", personal = true });

        Assert.Equal(HttpStatusCode.Forbidden, teamCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, teamEdit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, teamDelete.StatusCode);
        Assert.Equal(HttpStatusCode.Created, personal.StatusCode);
        var other = await ClientAsync("sam@demo.inbox");
        Assert.DoesNotContain(await other.GetFromJsonAsync<JsonElement[]>("/api/v1/saved-replies") ?? [], r => r.GetProperty("shortcut").GetString() == "ciao");
    }

    [Fact]
    public async Task A_bad_draft_is_a_400_that_says_why()
    {
        var manager = await ClientAsync(InboxAppFactory.Demo.ManagerEmail);

        var response = await manager.PostAsJsonAsync("/api/v1/saved-replies", new { title = "Bad", shortcut = "has spaces", language = "en", body = "x", personal = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("shortcut is 1 to 30", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync(email));
        return client;
    }
}
