namespace Inbox.Core.Conversations;

public enum ConversationSort
{
    /// <summary>Newest activity first.</summary>
    Newest,
    /// <summary>Conversations waiting for an answer, longest wait first (the first to breach the target), then the rest.</summary>
    ClosestToBreach,
}

/// <summary>
/// Which conversations the list shows, in what order. <see cref="Origin"/>: a referral source, <c>none</c>, or null
/// for all. <see cref="View"/>: null for every conversation whatever its state; <see cref="UserId"/> is the viewer.
/// <see cref="LabelId"/>: only conversations with that label, on the conversation or on its contact.
/// </summary>
public sealed record ConversationFilter(
    string? Origin = null, ConversationSort Sort = ConversationSort.Newest, InboxView? View = null, long UserId = 0, long? LabelId = null)
{
    public static ConversationFilter All { get; } = new();
}
