using Bunit;
using Inbox.Web.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Inbox.Tests.Web.Components;

public sealed class BusyButtonTests : Inbox.Tests.Support.MudComponentTest
{
    [Fact]
    public void While_busy_the_button_cannot_be_pressed_again_and_says_so()
    {
        var clicks = 0;
        var button = Render<BusyButton>(p => p
            .Add(b => b.Busy, false)
            .Add(b => b.OnClick, (MouseEventArgs _) => clicks++)
            .AddChildContent("Send"));
        button.Find("button").Click();
        Assert.Equal(1, clicks);
        Assert.Equal("false", button.Find("button").GetAttribute("aria-busy"));

        button.Render(p => p.Add(b => b.Busy, true));

        var busy = button.Find("button");
        Assert.True(busy.HasAttribute("disabled"));
        Assert.Equal("true", busy.GetAttribute("aria-busy"));
        Assert.NotNull(busy.QuerySelector(".mud-progress-circular"));
        Assert.Contains("Send", busy.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Attributes_such_as_a_test_id_reach_the_button()
    {
        var button = Render<BusyButton>(p => p.AddUnmatched("data-testid", "send").AddChildContent("Send"));

        Assert.Equal("send", button.Find("button").GetAttribute("data-testid"));
    }
}
