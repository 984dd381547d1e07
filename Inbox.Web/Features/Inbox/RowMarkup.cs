using System.Collections.Concurrent;
using System.Globalization;
using Inbox.Core.Conversations;
using Inbox.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Inbox.Web.Features.Inbox;

/// <summary>
/// Conversation rows as HTML, rendered by <see cref="ConversationRow"/> once per node for all the tabs that show a row
/// the same way (issue #18: memory and render work per tab). A tab's list then keeps one frame per row pointing at a
/// shared string, where a row component kept render buffers and strings of its own (about 9 KB a row, 18 a tab). A
/// row not rendered here yet is drawn by a component of its own meanwhile, so nothing waits on this.
/// </summary>
public sealed class RowMarkup(IServiceProvider services, ILoggerFactory loggers) : IDisposable
{
    /// <summary>Everything a row's HTML depends on: its data, how this tab shows it, and the labels of the moment.</summary>
    public sealed record Key(ConversationSummary Conversation, bool Selected, bool ShowPage, TimeSpan? Target,
        ConversationRow.Labels Labels, string TimeZoneId, string Culture, string UiCulture);

    // About 200 tabs' worth of different rows; past it the cache starts again (tabs keep the strings they show).
    private const int MaxRows = 4_096;
    private readonly ConcurrentDictionary<Key, MarkupString> _rows = new();
    private readonly SemaphoreSlim _rendering = new(1, 1);

    /// <summary>The key for a row as this tab shows it now (this circuit's clock and language).</summary>
    public static Key For(ConversationSummary conversation, bool selected, bool showPage, TimeSpan? target, BrowserClock clock, TimeProvider time) =>
        new(conversation, selected, showPage, target, ConversationRow.LabelsOf(conversation, target, clock, time), clock.Zone.Id,
            CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name);

    /// <summary>Rows rendered since the process started (the tests count them: once per row, not once per tab).</summary>
    public int Rendered => _rendered;

    private int _rendered;

    public MarkupString? Find(Key key) => _rows.TryGetValue(key, out var html) ? html : null;

    /// <summary>Renders the rows not rendered yet, one caller at a time: the tabs that ask after the first find them done.</summary>
    public async Task PrepareAsync(IReadOnlyList<Key> keys, CancellationToken cancellationToken)
    {
        if (keys.All(_rows.ContainsKey))
        {
            return;
        }
        await _rendering.WaitAsync(cancellationToken);
        try
        {
            var missing = keys.Where(key => !_rows.ContainsKey(key)).Distinct().ToList();
            if (missing.Count == 0)
            {
                return;
            }
            if (_rows.Count + missing.Count > MaxRows)
            {
                _rows.Clear();
            }
            await using var scope = services.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            var clock = scope.ServiceProvider.GetRequiredService<BrowserClock>();
            foreach (var key in missing)
            {
                _rows[key] = new MarkupString(await renderer.Dispatcher.InvokeAsync(() => RenderAsync(renderer, clock, key)));
                Interlocked.Increment(ref _rendered);
            }
        }
        finally
        {
            _rendering.Release();
        }
    }

    private static async Task<string> RenderAsync(HtmlRenderer renderer, BrowserClock clock, Key key)
    {
        // As the tab would: its time zone and its language.
        clock.Use(key.TimeZoneId);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(key.Culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(key.UiCulture);
        var row = await renderer.RenderComponentAsync<ConversationRow>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(ConversationRow.Conversation)] = key.Conversation,
            [nameof(ConversationRow.Selected)] = key.Selected,
            [nameof(ConversationRow.ShowPage)] = key.ShowPage,
            [nameof(ConversationRow.Target)] = key.Target,
        }));
        return row.ToHtmlString();
    }

    public void Dispose() => _rendering.Dispose();
}
