namespace Inbox.Web.Components;

/// <summary>
/// MudBlazor's classes for controls written as plain markup where a component would cost every circuit its state and
/// render buffers (about 2 KB each, issue #18): a tab's header, rail and list header have many of them, and open
/// tabs are what a busy team has hundreds of. The look is MudBlazor's; the elements are ours.
/// </summary>
public static class MudMarkup
{
    /// <summary>MudIconButton's button; its icon goes in a <c>span.mud-icon-button-label</c>.</summary>
    public const string IconButton = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon";

    /// <summary>MudButton, text variant, inherited colour; its start icon in <c>span.mud-button-icon-start</c>.</summary>
    public const string TextButton = "mud-button-root mud-button mud-button-text mud-button-text-inherit mud-button-text-size-medium mud-ripple";

    /// <summary>A small outlined MudChip; its text in <c>span.mud-chip-content</c>.</summary>
    public const string SmallOutlinedChip = "mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-default";
}
