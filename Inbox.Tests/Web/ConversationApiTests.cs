using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Web;

public sealed class ConversationApiTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        var baseUrl = _app.StartOnLoopback();
        _api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.TokenForAsync(InboxAppFactory.Demo.AgentEmail));
        foreach (var i in Enumerable.Range(1, 3))
        {
            await _app.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, $"psid-api-{i}", $"Question {i}", $"Customer {i}", CancellationToken.None);
        }
        await Eventually.TrueAsync(async () => await _app.Service<Inbox.Core.Conversations.ConversationStore>().CountAsync(CancellationToken.None) == 3, "three conversations");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Conversations_are_listed_newest_first_in_pages_with_camel_case_and_iso_times()
    {
        var first = await _api.GetFromJsonAsync<JsonElement>("/api/v1/conversations?limit=2");
        var second = await _api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?limit=2&offset={first.GetProperty("nextOffset").GetInt32()}");

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(["Question 3", "Question 2"], first.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("lastMessagePreview").GetString()));
        Assert.Equal("Question 1", second.GetProperty("items")[0].GetProperty("lastMessagePreview").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextOffset").ValueKind);
        var lastMessageAt = first.GetProperty("items")[0].GetProperty("lastMessageAt").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$", lastMessageAt);
    }

    [Fact]
    public async Task A_conversation_shows_its_referrals_opt_ins_thread_owner_and_the_pages_policy_notice()
    {
        // The ad's person opts in later; Meta then blocks the Page. All three come as Meta sends them.
        var optIn = System.Text.Encoding.UTF8.GetString(Fixture.Bytes("optin.json")).Replace("7100000000000015", "7100000000000016", StringComparison.Ordinal);
        foreach (var body in new[] { Fixture.Bytes("referral-ad.json"), System.Text.Encoding.UTF8.GetBytes(optIn), Fixture.Bytes("policy-enforcement.json") })
        {
            Assert.Equal(HttpStatusCode.OK, (await SignedWebhook.PostAsync(_api, _api.BaseAddress!.ToString().TrimEnd('/'), body)).StatusCode);
        }
        var id = (await Eventually.ReturnsAsync(async () => (await _app.Service<Inbox.Core.Conversations.ConversationStore>().ListAsync(0, 10, CancellationToken.None))
            .FirstOrDefault(c => c.Psid == "7100000000000016"), "the ad's conversation")).Id;
        await Eventually.TrueAsync(async () => (await _api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}")).GetProperty("pagePolicyNotice").ValueKind == JsonValueKind.Object, "the policy notice");

        var detail = await _api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");

        var referral = Assert.Single(detail.GetProperty("referrals").EnumerateArray().ToList());
        Assert.Equal(("ADS", "winter-ad", "6100000000000001", "Winter candles -20%", "https://scontent.example/ad-winter.jpg"), (
            referral.GetProperty("source").GetString(), referral.GetProperty("ref").GetString(), referral.GetProperty("adId").GetString(),
            referral.GetProperty("adTitle").GetString(), referral.GetProperty("picture").GetString()));
        var optedIn = Assert.Single(detail.GetProperty("optIns").EnumerateArray().ToList());
        Assert.Equal(("notification_messages", "Restock alerts", "RESTOCK_VANILLA", "WEEKLY"), (
            optedIn.GetProperty("type").GetString(), optedIn.GetProperty("topic").GetString(), optedIn.GetProperty("payload").GetString(), optedIn.GetProperty("frequency").GetString()));
        Assert.DoesNotContain("7300000000000001", detail.GetRawText(), StringComparison.Ordinal);
        Assert.True(detail.GetProperty("conversation").TryGetProperty("threadOwnerAppId", out _));
        Assert.Equal("block", detail.GetProperty("pagePolicyNotice").GetProperty("action").GetString());
        var page = (await _api.GetFromJsonAsync<JsonElement>("/api/v1/pages")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == Fixture.DemoPageId);
        Assert.Contains("Messenger Platform policies", page.GetProperty("policyNotice").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_is_described_as_openapi_for_token_holders_only()
    {
        var document = await _api.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/conversations/{id}", paths);
        Assert.Contains("/api/v1/comments", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/webhooks", StringComparison.Ordinal) || p.StartsWith("/sandbox", StringComparison.Ordinal));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ReferralResponse", out _));
        using var anonymous = new HttpClient { BaseAddress = _api.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/openapi.json")).StatusCode);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    [InlineData("?offset=-1")]
    public async Task Bad_paging_is_a_400_that_says_why(string query)
    {
        var response = await _api.GetAsync("/api/v1/conversations" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit between 1 and 200", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_posted_through_the_api_is_accepted_then_sent_as_the_tokens_user()
    {
        var id = (await _api.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var response = await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Thanks for asking!" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var reply = await Eventually.ReturnsAsync(async () =>
        {
            var detail = await _api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
            var last = detail.GetProperty("messages").EnumerateArray().Last();
            return last.GetProperty("status").GetString() == "sent" ? new[] { last } : null;
        }, "the reply to be sent");
        Assert.Equal("Camille Dubois", reply[0].GetProperty("authorName").GetString());
        Assert.Equal("out", reply[0].GetProperty("direction").GetString());
    }

    [Fact]
    public async Task Replies_that_cannot_be_sent_are_refused_clearly()
    {
        var id = (await _api.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var empty = await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "  " });
        var tooLong = await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = new string('x', 2001) });
        var missing = await _api.PostAsJsonAsync("/api/v1/conversations/999999/messages", new { text = "Hi" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write a message", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Pages_are_listed_without_their_tokens()
    {
        var body = await _api.GetStringAsync("/api/v1/pages");

        Assert.Contains("\"id\":\"104857600000001\"", body, StringComparison.Ordinal);
        Assert.Contains("\"connected\":true", body, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox-", body, StringComparison.Ordinal);
        Assert.DoesNotContain("token", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_conversation_is_assigned_snoozed_and_closed_over_the_api_and_bad_values_say_why()
    {
        var id = (await _api.GetFromJsonAsync<JsonElement>("/api/v1/conversations?limit=1")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var sam = await _app.FindUserAsync("sam@demo.inbox");

        var assigned = await (await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { userId = sam!.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var until = DateTimeOffset.UtcNow.AddHours(2);
        var snoozed = await (await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "snoozed", snoozedUntil = until })).Content.ReadFromJsonAsync<JsonElement>();
        var done = await (await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "done" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("Sam Taylor", "open"), (assigned.GetProperty("assigneeName").GetString(), assigned.GetProperty("status").GetString()));
        Assert.Equal("snoozed", snoozed.GetProperty("status").GetString());
        Assert.Equal(("done", JsonValueKind.Null), (done.GetProperty("status").GetString(), done.GetProperty("snoozedUntil").ValueKind));
        var bad = await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "closed" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("open, pending, snoozed or done", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var past = await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/status", new { status = "snoozed", snoozedUntil = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.Contains("time in the future", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { userId = 999999 })).StatusCode);
    }
}
