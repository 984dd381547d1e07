using System.Collections.Concurrent;

namespace Inbox.Core.Pages;

/// <summary>
/// A Page's automation or moderation settings were saved: the stores that keep them in memory drop their copy, on
/// this node at once and on the others through <see cref="Nodes.PageSettingsRelay"/>.
/// </summary>
public sealed class PageSettingsChanges
{
    public event Action<PageSettingsChange>? Changed;

    public void Publish(PageSettingsChange change) => Changed?.Invoke(change);

    /// <summary>A per-Page cache that forgets a Page whenever its settings change, here or on another node.</summary>
    public ConcurrentDictionary<string, T> NewCache<T>()
    {
        var cache = new ConcurrentDictionary<string, T>();
        Changed += change => cache.TryRemove(change.PageId, out _);
        return cache;
    }
}

public sealed record PageSettingsChange(string PageId)
{
    public bool FromOtherNode { get; init; }
}
