using Microsoft.AspNetCore.Components;

namespace Inbox.Web.Components;

/// <summary>A component whose database calls stop when the user leaves it (the component is disposed).</summary>
public abstract class CancellableComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    protected CancellationToken Aborted => _disposed.Token;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }
}
