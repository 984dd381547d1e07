using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Inbox.Tests.Web;

/// <summary>
/// Inside a live circuit the fallback policy (which guards HTTP requests) never runs: only the page's own attribute
/// makes the router check the user again when the circuit's revalidation signs them out.
/// </summary>
public sealed class PageAuthorizationTests
{
    private static readonly string[] s_openToAnyone = ["/login", "/not-found", "/error"];

    public static TheoryData<string> RoutablePages()
    {
        var pages = new TheoryData<string>();
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(type => type.GetCustomAttributes<RouteAttribute>().Any()))
        {
            pages.Add(type.FullName!);
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(RoutablePages))]
    public void Every_page_says_who_may_see_it(string pageType)
    {
        var type = typeof(Program).Assembly.GetType(pageType)!;
        var routes = type.GetCustomAttributes<RouteAttribute>().Select(route => route.Template).ToList();

        if (type.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
        {
            Assert.All(routes, route => Assert.Contains(route, s_openToAnyone));
        }
        else
        {
            Assert.NotNull(type.GetCustomAttribute<AuthorizeAttribute>());
        }
    }
}
