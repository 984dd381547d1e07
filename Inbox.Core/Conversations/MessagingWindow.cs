namespace Inbox.Core.Conversations;

public enum WindowState
{
    /// <summary>Within 24 hours of the customer's last message: replies go as RESPONSE.</summary>
    Standard,

    /// <summary>24 hours to 7 days: only a person may reply, with the HUMAN_AGENT tag.</summary>
    HumanAgent,

    /// <summary>Over 7 days, or the customer never wrote: the customer must write first.</summary>
    Closed,
}

/// <summary>Meta's messaging windows, counted from the customer's last message (Meta's timestamp).</summary>
public static class MessagingWindow
{
    public static readonly TimeSpan Standard = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgent = TimeSpan.FromDays(7);

    public static WindowState At(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now) => lastCustomerMessageAt switch
    {
        null => WindowState.Closed,
        { } last when now - last <= Standard => WindowState.Standard,
        { } last when now - last <= HumanAgent => WindowState.HumanAgent,
        _ => WindowState.Closed,
    };

    /// <summary>When the current window ends; null when it is closed.</summary>
    public static DateTimeOffset? ClosesAt(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now) => At(lastCustomerMessageAt, now) switch
    {
        WindowState.Standard => lastCustomerMessageAt!.Value + Standard,
        WindowState.HumanAgent => lastCustomerMessageAt!.Value + HumanAgent,
        _ => null,
    };
}
