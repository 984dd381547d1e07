using Microsoft.AspNetCore.Components;

namespace Inbox.Web.Components;

/// <summary>
/// A Material icon drawn into its parent's render tree, in the markup MudIcon writes, but without a component of its
/// own: each component costs every circuit its state and two render buffers of at least 32 frames (about 2 KB), and an
/// inbox tab drew a dozen icons (issue #18: memory per circuit).
/// </summary>
public static class SvgIcon
{
    /// <param name="icon">One of MudBlazor's <see cref="Icons"/>: SVG paths, never user text.</param>
    /// <param name="classes">More CSS classes, such as <c>mud-primary-text</c> for the primary colour.</param>
    /// <param name="small">MudBlazor's small size instead of the medium one.</param>
    public static RenderFragment Of(string icon, string? classes = null, bool small = false) => builder =>
    {
        var size = small ? "mud-icon-size-small" : "mud-icon-size-medium";
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", classes is null ? $"mud-icon-root mud-svg-icon {size}" : $"mud-icon-root mud-svg-icon {size} {classes}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, icon);
        builder.CloseElement();
    };
}
