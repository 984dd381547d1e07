namespace Inbox.Core.Responsiveness;

/// <summary>
/// The new messages of one Page in part of an hour, grouped for a report: answered ones by response time (sorted,
/// milliseconds) overall and per responder, and the unanswered ones by when they came, since whether each is still
/// pending depends on when the report is built.
/// </summary>
internal sealed record FactSlice(long[] Answered, IReadOnlyDictionary<long, long[]> ByResponder, int[] AnsweredBuckets, int AnsweredLate, long[] UnansweredAt, int Spam)
{
    public static Dictionary<string, FactSlice> Group(IEnumerable<CachedFact> facts) => facts
        .GroupBy(f => f.PageId)
        .ToDictionary(page => page.Key, page =>
        {
            // Sorted once here, so that medians over many slices need no merging (see Median.OfSortedRuns).
            var answered = page.Where(f => f.IsAnswered).OrderBy(f => f.Result).ToArray();
            var buckets = new int[ResponseBuckets.All.Length];
            foreach (var fact in answered)
            {
                buckets[ResponseBuckets.Of(fact.Result)]++;
            }
            return new FactSlice(
                [.. answered.Select(f => f.Result)],
                answered.GroupBy(f => f.Responder).ToDictionary(r => r.Key, r => r.Select(f => f.Result).ToArray()),
                buckets,
                page.Count(f => f.Result == CachedFact.AnsweredLate),
                [.. page.Where(f => f.Result == CachedFact.Unanswered).Select(f => f.ReceivedAt).Order()],
                page.Count(f => f.Result == CachedFact.Spam));
        });

    /// <summary>Unanswered messages still inside their 24 hours at <paramref name="now"/>.</summary>
    public int PendingAt(long now)
    {
        var cutoff = now - ResponseFacts.SilenceMilliseconds;
        var pending = 0;
        for (var i = UnansweredAt.Length - 1; i >= 0 && UnansweredAt[i] > cutoff; i--)
        {
            pending++;
        }
        return pending;
    }
}
