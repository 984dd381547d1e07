using System.Collections.Concurrent;

namespace Inbox.Core.Responsiveness;

/// <summary>
/// The new messages received in one hour (UTC), as of one version of that hour. Immutable: a change to any of its
/// facts gives the hour a new version, and the cache replaces the whole hour.
/// </summary>
internal sealed class FactHour(long hour, long version, CachedFact[] facts)
{
    public const long Milliseconds = 3_600_000;

    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<string, FactSlice>[]> _slices = new();

    public long Hour { get; } = hour;

    public long Version { get; } = version;

    public long Start => Hour * Milliseconds;

    public long End => Start + Milliseconds;

    /// <summary>In the order received.</summary>
    public CachedFact[] Facts { get; } = facts;

    /// <summary>
    /// The hour cut into <paramref name="count"/> equal slices (1, 2 or 4: a local hour begins on the hour, the half
    /// or the quarter in every zone), each grouped per Page once. A report over 30 days then adds 720 slices
    /// instead of walking a quarter of a million messages.
    /// </summary>
    public IReadOnlyDictionary<string, FactSlice>[] Slices(int count) => _slices.GetOrAdd(count, Cut);

    private IReadOnlyDictionary<string, FactSlice>[] Cut(int count)
    {
        var length = Milliseconds / count;
        return [.. Enumerable.Range(0, count).Select(i => FactSlice.Group(Facts.Where(f => (f.ReceivedAt - Start) / length == i)))];
    }
}
