using Inbox.Web.Components;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web.Layout;

/// <summary>MudBlazor's theme style is built once per process and mode, and every tab shows the same string.</summary>
public sealed class ThemeStylesTests
{
    [Fact]
    public async Task Light_and_dark_are_MudBlazors_style_for_the_inbox_theme_and_each_is_one_string_for_every_tab()
    {
        await using var app = new InboxAppFactory();
        var styles = app.Service<ThemeStyles>();

        var light = styles.For(dark: false).Value;
        var dark = styles.For(dark: true).Value;

        Assert.Contains("--mud-palette-primary: rgba(26,91,181,1);", light, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-primary: rgba(138,180,248,1);", dark, StringComparison.Ordinal);
        // One string per mode for the whole process: a tab keeps a reference, not a 23 KB copy of its own.
        Assert.Same(light, styles.For(dark: false).Value);
        Assert.Same(dark, styles.For(dark: true).Value);
    }
}
