namespace Inbox.Core.Responsiveness;

/// <summary>Rate, median and badge over a set of new messages.</summary>
public sealed record ResponsivenessFigures(int NewMessages, int Answered, int Missed, int Pending, double? RatePercent, double? MedianSeconds, bool? Badge)
{
    public static ResponsivenessFigures Of(IReadOnlyCollection<ResponseFact> facts, long now, ResponsivenessTargets targets)
    {
        var answered = facts.Where(f => f.OutcomeAt(now) == FactOutcome.Answered).Select(f => f.ResponseSeconds).ToList();
        var pending = facts.Count(f => f.OutcomeAt(now) == FactOutcome.Pending);
        var missed = facts.Count - answered.Count - pending;
        // Unanswered messages still inside their 24 hours are left out: they may yet be answered.
        double? rate = answered.Count + missed == 0 ? null : 100.0 * answered.Count / (answered.Count + missed);
        var median = Median.Of(answered);
        bool? badge = rate is null ? null : rate >= targets.RatePercent && median <= targets.MedianTarget.TotalSeconds;
        return new ResponsivenessFigures(facts.Count, answered.Count, missed, pending, rate, median, badge);
    }
}

public sealed record PageFigures(string PageId, string PageName, ResponsivenessFigures Figures);

public sealed record DayFigures(DateOnly Day, ResponsivenessFigures Figures);

/// <summary>Who sent first responses: an agent (by id), the FAQ bot, Meta's Page Inbox or another app.</summary>
public sealed record AgentFigures(long? UserId, string Kind, string Name, int Responses, double? MedianSeconds);

public sealed record DistributionBucket(string Label, double FromSeconds, double ToSeconds, int Count);

/// <summary>New messages by weekday and hour (local to the report's time zone), with their median response.</summary>
public sealed record HeatCell(DayOfWeek Day, int Hour, int NewMessages, double? MedianSeconds);

/// <summary>The responsiveness report over a range: overall, per Page, per day, per agent, by response time and by hour.</summary>
public sealed record ResponsivenessReport(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset Now,
    TimeZoneInfo Zone,
    ResponsivenessTargets Targets,
    ResponsivenessFigures Overall,
    int Spam,
    IReadOnlyList<PageFigures> Pages,
    IReadOnlyList<DayFigures> Days,
    IReadOnlyList<AgentFigures> Agents,
    IReadOnlyList<DistributionBucket> Distribution,
    IReadOnlyList<HeatCell> Heatmap,
    IReadOnlyList<ResponseFact> Facts)
{
    public DateOnly LocalDay(long at) => DateOnly.FromDateTime(Local(at).DateTime);

    public DateTimeOffset Local(long at) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(at), Zone);

    /// <summary>The conversations behind a part of the report (a day, a bucket, a cell, an agent), newest first.</summary>
    public IReadOnlyList<long> ConversationsWhere(Func<ResponseFact, bool> predicate) =>
        [.. Facts.Where(predicate).OrderByDescending(f => f.ReceivedAt).Select(f => f.ConversationId).Distinct()];

    public bool InBucket(ResponseFact fact, DistributionBucket bucket) => fact.OutcomeAt(Now.ToUnixTimeMilliseconds()) switch
    {
        FactOutcome.Answered => fact.ResponseSeconds >= bucket.FromSeconds && fact.ResponseSeconds < bucket.ToSeconds,
        FactOutcome.Missed => double.IsPositiveInfinity(bucket.FromSeconds),
        _ => false,
    };

    public static bool IsAgent(ResponseFact fact, AgentFigures agent) => fact.ResponderKind == agent.Kind && fact.ResponderUserId == agent.UserId;
}
