using Inbox.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace Inbox.Core.Live;

/// <summary>
/// How many conversations have unread messages: every tab's title shows it, through a JavaScript call per tab, so
/// it is read at most twice a second.
/// </summary>
public sealed class UnreadCount(LiveFeed feed, ConversationStore conversations, TimeProvider time, ILogger<UnreadCount> logger)
    : SharedReading<int>(feed, logger, time, TimeSpan.FromMilliseconds(500))
{
    protected override bool Concerns(InboxChange change) => true;

    protected override Task<int> ReadAsync(CancellationToken cancellationToken) => conversations.UnreadConversationsAsync(cancellationToken);
}
