namespace Inbox.Core.Conversations;

/// <summary>Which conversations the list shows. <see cref="Origin"/>: a referral source, <c>none</c>, or null for all.</summary>
public sealed record ConversationFilter(string? Origin = null)
{
    public static ConversationFilter All { get; } = new();
}
