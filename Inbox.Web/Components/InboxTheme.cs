using MudBlazor;

namespace Inbox.Web.Components;

/// <summary>
/// The one theme of the product, light and dark. Colours are chosen for contrast, not taken from MudBlazor's defaults:
/// body text, secondary text and every filled control's text reach at least 4.5:1 (WCAG AA) on the surfaces they sit
/// on, in both palettes. Checked by the axe-core browser tests.
/// </summary>
public static class InboxTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a5bb5",
            PrimaryContrastText = "#ffffff",
            Secondary = "#6a3d9a",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#0f6e62",
            Info = "#0b6485",
            Success = "#1b6e30",
            Warning = "#8a4f00",
            Error = "#b3261e",
            Dark = "#2b2f36",
            Background = "#f4f6f9",
            BackgroundGray = "#e9edf2",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#1b1f24",
            DrawerBackground = "#e9edf2",
            DrawerText = "#1b1f24",
            DrawerIcon = "#3d4550",
            TextPrimary = "#1b1f24",
            TextSecondary = "#4a5462",
            ActionDefault = "#3d4550",
            LinesDefault = "#d3d9e1",
            LinesInputs = "#7a8491",
            Divider = "#d3d9e1",
            TableLines = "#d3d9e1",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            PrimaryContrastText = "#0a1a33",
            Secondary = "#cfb3f5",
            SecondaryContrastText = "#221038",
            Tertiary = "#7fd6c8",
            Info = "#7ccbea",
            InfoContrastText = "#06202b",
            Success = "#7fd491",
            SuccessContrastText = "#08240f",
            Warning = "#f3c26b",
            WarningContrastText = "#2a1a00",
            Error = "#f4978e",
            ErrorContrastText = "#3a0906",
            Dark = "#0e1013",
            Background = "#121418",
            BackgroundGray = "#1a1d22",
            Surface = "#1d2127",
            AppbarBackground = "#1d2127",
            AppbarText = "#e7eaee",
            DrawerBackground = "#171a1f",
            DrawerText = "#e7eaee",
            DrawerIcon = "#c3c9d1",
            TextPrimary = "#e7eaee",
            TextSecondary = "#b7bec8",
            ActionDefault = "#c3c9d1",
            LinesDefault = "#363c45",
            LinesInputs = "#8a939f",
            Divider = "#363c45",
            TableLines = "#363c45",
        },
        // Buttons say what they do in sentence case, as the rest of the product does; capitals read as shouting.
        Typography = new Typography { Button = new ButtonTypography { TextTransform = "none" } },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", AppbarHeight = "3.25rem" },
    };
}
