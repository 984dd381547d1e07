using System.Collections.Immutable;

namespace Inbox.Core.Live;

/// <summary>
/// Callbacks that run in the execution context they were registered from. A Blazor component subscribes on its
/// circuit, so it renders in its person's language even when a webhook worker or another person's request is the
/// one publishing (otherwise InvokeAsync would carry the publisher's culture into the render).
/// </summary>
public sealed class ContextualCallbacks<T>
{
    private sealed record Entry(Action<T> Callback, ExecutionContext? Context);

    private ImmutableArray<Entry> _entries = [];

    public bool IsEmpty => _entries.IsEmpty;

    public void Add(Action<T> callback)
    {
        var entry = new Entry(callback, ExecutionContext.Capture());
        ImmutableInterlocked.Update(ref _entries, list => list.Add(entry));
    }

    public void Remove(Action<T> callback) =>
        ImmutableInterlocked.Update(ref _entries, list => list.FirstOrDefault(e => e.Callback == callback) is { } entry ? list.Remove(entry) : list);

    /// <summary>Calls each callback; one that throws is reported and does not stop the others.</summary>
    public void Invoke(T value, Action<Exception> onError)
    {
        foreach (var entry in _entries)
        {
            try
            {
                if (entry.Context is null)
                {
                    entry.Callback(value);
                }
                else
                {
                    ExecutionContext.Run(entry.Context, static state => ((Action)state!)(), () => entry.Callback(value));
                }
            }
            catch (Exception exception)
            {
                onError(exception);
            }
        }
    }
}
