using Inbox.Core.Meta;

namespace Inbox.Core.Pages;

/// <summary>Why Meta refused a Page's token, from its error subcodes (Meta's "access token" error handling guide).</summary>
public static class TokenProblem
{
    public const string PasswordChanged = "password_changed";
    public const string Expired = "expired";
    public const string AppRemoved = "app_removed";
    public const string Checkpoint = "checkpoint";
    public const string Invalid = "invalid";

    public static string KindOf(int? subcode) => subcode switch
    {
        460 => PasswordChanged,
        463 or 467 => Expired,
        458 => AppRemoved,
        459 or 464 => Checkpoint,
        _ => Invalid,
    };

    public static string KindOf(GraphError error) => KindOf(error.Subcode);
}
