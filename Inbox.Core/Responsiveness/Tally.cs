namespace Inbox.Core.Responsiveness;

/// <summary>
/// Counts and answered response times (milliseconds) of a group of new messages in a report. Slices of hours bring
/// their response times already sorted and are kept by reference, never copied: a month's report is a dozen groups
/// over a quarter of a million values each, and copying them cost more than the rest of the report.
/// </summary>
internal sealed class Tally
{
    private readonly List<long[]> _sortedRuns = [];
    private List<long>? _loose;
    private int _missed;
    private int _pending;

    public int Answered { get; private set; }

    public int Count => Answered + _missed + _pending;

    public void Add(FactOutcome outcome, long milliseconds)
    {
        switch (outcome)
        {
            case FactOutcome.Answered:
                AddAnswered(milliseconds);
                break;
            case FactOutcome.Missed:
                _missed++;
                break;
            default:
                _pending++;
                break;
        }
    }

    public void AddAnswered(long milliseconds)
    {
        (_loose ??= []).Add(milliseconds);
        Answered++;
    }

    /// <summary>A group of messages at once: the response times of the answered ones sorted, and the other counts.</summary>
    public void AddSorted(long[] sortedAnswered, int missed, int pending)
    {
        if (sortedAnswered.Length > 0)
        {
            _sortedRuns.Add(sortedAnswered);
            Answered += sortedAnswered.Length;
        }
        _missed += missed;
        _pending += pending;
    }

    public double? Median()
    {
        if (_loose is { Count: > 0 })
        {
            var run = _loose.ToArray();
            Array.Sort(run);
            _sortedRuns.Add(run);
            _loose = null;
        }
        return Responsiveness.Median.OfSortedRuns(_sortedRuns, Answered);
    }

    public ResponsivenessFigures Figures(ResponsivenessTargets targets) => ResponsivenessFigures.From(Answered, Median(), _missed, _pending, targets);
}
