using Inbox.Core.Live;

namespace Inbox.Web.Components;

/// <summary>This browser tab's place in the <see cref="PresenceTracker"/>; gone when the circuit ends.</summary>
public sealed class PresenceSession(PresenceTracker tracker) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => tracker.Disconnect(Id);
}
