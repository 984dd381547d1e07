namespace Inbox.Core.Responsiveness;

/// <summary>
/// Every group of a report being built: overall, per Page, per local day, per weekday-hour cell, per responder, the
/// distribution and the spam count. Fed a slice of an hour of a Page at a time where it can, one fact at a time at the
/// edges of the range and in the hours where the clocks change.
/// </summary>
internal sealed class ReportTallies(IEnumerable<string> pageIds, DateOnly firstDay, int days)
{
    public Tally Overall { get; } = new();

    public Dictionary<string, Tally> ByPage { get; } = pageIds.ToDictionary(id => id, _ => new Tally());

    public Tally?[] ByDay { get; } = new Tally?[days];

    public Tally?[] ByCell { get; } = new Tally?[7 * 24];

    /// <summary>Keyed by the responder packed as <see cref="CachedFact.Responder"/>.</summary>
    public Dictionary<long, Tally> ByResponder { get; } = [];

    public int[] Buckets { get; } = new int[ResponseBuckets.All.Length];

    public int Spam { get; private set; }

    /// <summary>A slice of an hour of one Page, received in the local hour that holds <paramref name="local"/>.</summary>
    public void AddSlice(string pageId, FactSlice slice, DateTime local, long now)
    {
        Spam += slice.Spam;
        var pending = slice.PendingAt(now);
        var missed = slice.AnsweredLate + slice.UnansweredAt.Length - pending;
        foreach (var tally in GroupsOf(pageId, local))
        {
            tally.AddSorted(slice.Answered, missed, pending);
        }
        foreach (var (responder, answered) in slice.ByResponder)
        {
            Responder(responder).AddSorted(answered, 0, 0);
        }
        for (var i = 0; i < Buckets.Length; i++)
        {
            Buckets[i] += slice.AnsweredBuckets[i];
        }
        Buckets[ResponseBuckets.Missed] += missed;
    }

    public void Add(CachedFact fact, FactOutcome outcome, DateTime local)
    {
        if (fact.Result == CachedFact.Spam)
        {
            Spam++;
            return;
        }
        foreach (var tally in GroupsOf(fact.PageId, local))
        {
            tally.Add(outcome, fact.Result);
        }
        if (outcome == FactOutcome.Answered)
        {
            Responder(fact.Responder).AddAnswered(fact.Result);
            Buckets[ResponseBuckets.Of(fact.Result)]++;
        }
        else if (outcome == FactOutcome.Missed)
        {
            Buckets[ResponseBuckets.Missed]++;
        }
    }

    private IEnumerable<Tally> GroupsOf(string pageId, DateTime local)
    {
        yield return Overall;
        yield return ByPage.TryGetValue(pageId, out var page) ? page : ByPage[pageId] = new Tally();
        var day = Math.Clamp(DateOnly.FromDateTime(local).DayNumber - firstDay.DayNumber, 0, ByDay.Length - 1);
        yield return ByDay[day] ??= new Tally();
        yield return ByCell[(int)local.DayOfWeek * 24 + local.Hour] ??= new Tally();
    }

    private Tally Responder(long responder) => ByResponder.TryGetValue(responder, out var tally) ? tally : ByResponder[responder] = new Tally();
}
