namespace Inbox.Web.Components;

/// <summary>
/// The viewer's light or dark choice for this circuit: read from the request's cookie before the first render (so the
/// first paint has the right colours), switched from the header.
/// </summary>
public sealed class ViewerTheme
{
    public bool IsDark { get; set; }
}
