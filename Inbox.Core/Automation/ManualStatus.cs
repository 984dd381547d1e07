namespace Inbox.Core.Automation;

public enum ManualStatus
{
    /// <summary>Follow the business hours.</summary>
    Auto,
    Available,
    Away,
}
