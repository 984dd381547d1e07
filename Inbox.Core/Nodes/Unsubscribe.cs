namespace Inbox.Core.Nodes;

/// <summary>Removes an event handler when disposed.</summary>
internal sealed class Unsubscribe(Action remove) : IDisposable
{
    public void Dispose() => remove();
}
