using Inbox.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>How many conversations have unread messages: every tab's title shows it.</summary>
public sealed class UnreadCount(LiveFeed feed, ConversationStore conversations, ILogger<UnreadCount> logger)
    : SharedReading<int>(feed, logger)
{
    protected override bool Concerns(InboxChange change) => true;

    protected override Task<int> ReadAsync(CancellationToken cancellationToken) => conversations.UnreadConversationsAsync(cancellationToken);
}
