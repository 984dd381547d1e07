using System.Net;
using Inbox.Tests.Support;
using Inbox.Web.Startup;

namespace Inbox.Tests.Web;

/// <summary>Every answer's security headers, and cookies that stay Secure behind a TLS-terminating proxy.</summary>
public sealed class SecurityHeaderTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();
    private string _url = "";

    public Task InitializeAsync()
    {
        _url = _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/v1/conversations")]
    [InlineData("/webhooks/meta")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await client.GetAsync(_url + path);

        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["strict-origin-when-cross-origin"], response.Headers.GetValues("Referrer-Policy"));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_tls_proxy_the_sign_in_and_antiforgery_cookies_are_secure()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var form = new HttpRequestMessage(HttpMethod.Get, _url + "/login");
        form.Headers.Add("X-Forwarded-Proto", "https");
        var page = await client.SendAsync(form);
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));

        using var signIn = new HttpRequestMessage(HttpMethod.Post, _url + "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = BrowserlessClient.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
                ["Input.Email"] = InboxAppFactory.Demo.AgentEmail,
                ["Input.Password"] = InboxAppFactory.Demo.AgentPassword,
            }),
        };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(signIn);

        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("inbox.auth", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
    }
}
