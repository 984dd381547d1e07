namespace Inbox.Core.Responsiveness;

/// <summary>
/// A new message as a node keeps it in memory for reports. <see cref="Result"/> packs what became of it so a report
/// needs no other column: the response time in milliseconds when answered within 24 hours, or one of the codes below.
/// </summary>
internal readonly record struct CachedFact(long ReceivedAt, long Result, long Responder, string PageId)
{
    /// <summary>Not answered yet: pending or missed depending on when the report is built.</summary>
    public const long Unanswered = -1;

    /// <summary>Answered after its 24 hours: missed.</summary>
    public const long AnsweredLate = -2;

    /// <summary>In a conversation marked as spam: only counted as spam.</summary>
    public const long Spam = -3;

    public bool IsAnswered => Result >= 0;

    public FactOutcome OutcomeAt(long now) => Result switch
    {
        >= 0 => FactOutcome.Answered,
        Unanswered when now - ReceivedAt < ResponseFacts.SilenceMilliseconds => FactOutcome.Pending,
        _ => FactOutcome.Missed,
    };

    // The responder packed as kind + 4 * (user id + 1), as the query writes it.
    private static readonly string[] s_kinds = ["agent", "bot", "page_inbox", "other_app"];

    public string ResponderKind => KindOf(Responder);

    public long? ResponderUserId => UserIdOf(Responder);

    public static string KindOf(long responder) => s_kinds[responder % 4];

    public static long? UserIdOf(long responder) => responder >= 4 ? responder / 4 - 1 : null;
}
