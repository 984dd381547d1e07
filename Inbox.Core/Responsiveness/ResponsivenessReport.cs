namespace Inbox.Core.Responsiveness;

/// <summary>Rate, median and badge over a set of new messages.</summary>
public sealed record ResponsivenessFigures(int NewMessages, int Answered, int Missed, int Pending, double? RatePercent, double? MedianSeconds, bool? Badge)
{
    /// <summary>From the response times of the answered messages and the counts of the others.</summary>
    public static ResponsivenessFigures From(IReadOnlyCollection<double> answeredSeconds, int missed, int pending, ResponsivenessTargets targets) =>
        From(answeredSeconds.Count, Median.Of(answeredSeconds), missed, pending, targets);

    /// <summary>From the count and median response time of the answered messages and the counts of the others.</summary>
    public static ResponsivenessFigures From(int answered, double? median, int missed, int pending, ResponsivenessTargets targets)
    {
        // Unanswered messages still inside their 24 hours are left out: they may yet be answered.
        double? rate = answered + missed == 0 ? null : 100.0 * answered / (answered + missed);
        bool? badge = rate is null ? null : rate >= targets.RatePercent && median <= targets.MedianTarget.TotalSeconds;
        return new ResponsivenessFigures(answered + missed + pending, answered, missed, pending, rate, median, badge);
    }

    /// <summary>
    /// Where the figures end if no message still waiting is answered in time: each becomes a missed one. The rate can
    /// only fall; the median stays, since missed messages have no response time. What a manager needs beside the
    /// figure as it stands, which leaves waiting messages out.
    /// </summary>
    public ResponsivenessFigures IfWaitingMissed(ResponsivenessTargets targets)
    {
        var missed = Missed + Pending;
        double? rate = Answered + missed == 0 ? null : 100.0 * Answered / (Answered + missed);
        bool? badge = rate is null ? null : rate >= targets.RatePercent && MedianSeconds <= targets.MedianTarget.TotalSeconds;
        return this with { Missed = missed, Pending = 0, RatePercent = rate, Badge = badge };
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
    IReadOnlyList<HeatCell> Heatmap)
{
    public DateOnly LocalDay(long at) => DateOnly.FromDateTime(Local(at).DateTime);

    public DateTimeOffset Local(long at) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(at), Zone);

    public static bool InBucket(ReportedMessage message, DistributionBucket bucket) => message.Outcome switch
    {
        FactOutcome.Answered => message.ResponseSeconds >= bucket.FromSeconds && message.ResponseSeconds < bucket.ToSeconds,
        FactOutcome.Missed => double.IsPositiveInfinity(bucket.FromSeconds),
        _ => false,
    };

    public static bool IsAgent(ReportedMessage message, AgentFigures agent) =>
        message.Outcome == FactOutcome.Answered && message.ResponderKind == agent.Kind && message.ResponderUserId == agent.UserId;
}
