namespace Inbox.Core.Responsiveness;

public enum FactOutcome
{
    /// <summary>The Page answered within 24 hours.</summary>
    Answered,
    /// <summary>No answer yet, and 24 hours have not passed: left out of the rate.</summary>
    Pending,
    /// <summary>Not answered within 24 hours (perhaps answered later).</summary>
    Missed,
}

/// <summary>One new message and its first response, as the report reads it. Times are Meta's, in Unix milliseconds.</summary>
public sealed record ResponseFact(
    long MessageId, long ConversationId, string PageId, long ReceivedAt, long? ClockStartAt, long? RespondedAt, long? ResponderUserId, string? ResponderKind)
{
    public FactOutcome OutcomeAt(long now) =>
        RespondedAt is { } responded && responded - ReceivedAt <= ResponseFacts.SilenceMilliseconds ? FactOutcome.Answered
        : now - ReceivedAt < ResponseFacts.SilenceMilliseconds && RespondedAt is null ? FactOutcome.Pending
        : FactOutcome.Missed;

    /// <summary>Response time for an answered message: from when the clock started (never below zero).</summary>
    public double ResponseSeconds => RespondedAt is { } responded
        ? Math.Max(0, responded - (ClockStartAt ?? responded)) / 1000.0
        : double.NaN;
}
