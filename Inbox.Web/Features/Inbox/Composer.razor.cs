namespace Inbox.Web.Features.Inbox;

public partial class Composer
{
    [LoggerMessage(Level = LogLevel.Error, Message = "A reply or note to conversation {ConversationId} could not be stored; the agent was told and kept the text")]
    private static partial void LogNotStored(ILogger logger, Exception exception, long conversationId);
}
