namespace Inbox.Web.Components;

public partial class ProblemBoundary
{
    [LoggerMessage(Level = LogLevel.Error, Message = "A component failed; the person was shown a retry")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
