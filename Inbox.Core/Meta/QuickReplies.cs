namespace Inbox.Core.Meta;

/// <summary>Messenger's quick-reply buttons: at most 13, each title at most 20 characters.</summary>
public sealed class QuickReplies
{
    public const int MaxButtons = 13;
    public const int MaxTitleLength = 20;

    public static IReadOnlyList<string> Validate(IEnumerable<string>? titles)
    {
        var clean = (titles ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        if (clean.Count > MaxButtons)
        {
            throw new UserInputException(CoreText.Get<QuickReplies>("TooManyButtons", MaxButtons, clean.Count));
        }
        if (clean.FirstOrDefault(t => t.Length > MaxTitleLength) is { } tooLong)
        {
            throw new UserInputException(CoreText.Get<QuickReplies>("ButtonTooLong", tooLong, MaxTitleLength));
        }
        return clean;
    }
}
