using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Inbox.Web.Components;

/// <summary>
/// The style element MudThemeProvider writes for <see cref="InboxTheme"/>, rendered once per process for light and once
/// for dark. A MudThemeProvider in every tab built the same 23 KB string and a copy of the theme for each circuit
/// (issue #18: memory per circuit); every tab now shows one of the same two strings.
/// </summary>
public sealed class ThemeStyles(IServiceProvider services, ILoggerFactory loggers)
{
    private readonly Lazy<MarkupString> _light = new(() => Render(services, loggers, dark: false));
    private readonly Lazy<MarkupString> _dark = new(() => Render(services, loggers, dark: true));

    public MarkupString For(bool dark) => dark ? _dark.Value : _light.Value;

    // Once per process and mode, on a pool thread of its own: the first tab to ask waits a few milliseconds.
    private static MarkupString Render(IServiceProvider services, ILoggerFactory loggers, bool dark) => Task.Run(async () =>
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = InboxTheme.Theme,
            [nameof(MudThemeProvider.IsDarkMode)] = dark,
        });
        return new MarkupString(await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString()));
    }).GetAwaiter().GetResult();
}
