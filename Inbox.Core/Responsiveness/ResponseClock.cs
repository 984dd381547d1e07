using Inbox.Core.Automation;

namespace Inbox.Core.Responsiveness;

/// <summary>When the response clock of a new message starts: at once, or when the Page is available again.</summary>
public static class ResponseClock
{
    /// <summary>Null while the Page is switched to Away: the clock starts when someone switches it back.</summary>
    public static DateTimeOffset? StartsAt(PageAutomation automation, DateTimeOffset receivedAt) => automation.ManualStatus switch
    {
        ManualStatus.Away when automation.ManualStatusSince is null || automation.ManualStatusSince <= receivedAt => null,
        ManualStatus.Available => receivedAt,
        _ when automation.Week.Count == 0 || automation.Hours.IsOpen(receivedAt) => receivedAt,
        _ => automation.Hours.NextOpening(receivedAt) ?? receivedAt,
    };
}
