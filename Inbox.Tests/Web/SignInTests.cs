using System.Net;
using Inbox.Core.Users;
using Inbox.Tests.Support;
using Inbox.Web.Auth;

namespace Inbox.Tests.Web;

public sealed class SignInTests(InboxAppFactory app) : IClassFixture<InboxAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/comments")]
    [InlineData("/saved-replies")]
    [InlineData("/dashboard")]
    [InlineData("/settings")]
    public async Task Every_page_sends_an_anonymous_visitor_to_sign_in(string path)
    {
        var response = await BrowserlessClient.Create(app).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_and_health_check_are_open_to_everyone()
    {
        var client = BrowserlessClient.Create(app);

        var login = await client.GetAsync("/login");
        var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("__RequestVerificationToken", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_right_password_opens_the_inbox()
    {
        var client = BrowserlessClient.Create(app);

        var response = await client.SignInAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertRedirectsToOurRoot(response);
        var inbox = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains("No conversations yet", await inbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_nothing_answers_is_a_404_page_for_a_signed_in_user()
    {
        var client = await BrowserlessClient.SignedInAsync(app, InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_session()
    {
        var client = BrowserlessClient.Create(app);

        var response = await client.SignInAsync(InboxAppFactory.Demo.ManagerEmail, "not the password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_post_without_its_antiforgery_token_is_rejected()
    {
        var client = BrowserlessClient.Create(app);

        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Email"] = InboxAppFactory.Demo.AdminEmail,
            ["Input.Password"] = InboxAppFactory.Demo.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        await app.Service<UserStore>().AddAsync("locked@test.inbox", "Lou", UserRole.Agent, "right password", CancellationToken.None);
        var client = BrowserlessClient.Create(app);
        for (var i = 0; i < PasswordSignIn.MaxFailedAttempts; i++)
        {
            await client.SignInAsync("locked@test.inbox", "wrong password");
        }

        var response = await client.SignInAsync("locked@test.inbox", "right password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Too many failed attempts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_redirects_to_another_site(string returnUrl)
    {
        var response = await BrowserlessClient.Create(app).SignInAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword, returnUrl);

        AssertRedirectsToOurRoot(response);
    }

    [Theory]
    [InlineData("/conversations/1?q=café", "/conversations/1?q=caf%C3%A9")]
    [InlineData("/comments?q=日本", "/comments?q=%E6%97%A5%E6%9C%AC")]
    [InlineData("/\t/evil.example", "/%09/evil.example")]
    public async Task A_return_url_with_letters_beyond_ascii_signs_in_and_lands_there(string returnUrl, string expected)
    {
        var response = await BrowserlessClient.Create(app).SignInAsync(InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost" + expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_error_page_is_open_to_everyone_and_shows_a_reference_not_a_stack_trace()
    {
        var response = await BrowserlessClient.Create(app).GetAsync("/error");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong on our side", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        var client = await BrowserlessClient.SignedInAsync(app, InboxAppFactory.Demo.AgentEmail, InboxAppFactory.Demo.AgentPassword);

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var page = await client.GetStringAsync("/");
        var signedOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserlessClient.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_session_at_their_next_request()
    {
        await app.Service<UserStore>().AddAsync("leaving@test.inbox", "Lee", UserRole.Agent, "right password", CancellationToken.None);
        var client = await BrowserlessClient.SignedInAsync(app, "leaving@test.inbox", "right password");
        var user = await app.FindUserAsync("leaving@test.inbox");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await app.Service<UserStore>().SetDisabledAsync(user!.Id, true, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    private static void AssertRedirectsToOurRoot(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("localhost", target.Host);
        Assert.Equal("/", target.AbsolutePath);
    }
}
