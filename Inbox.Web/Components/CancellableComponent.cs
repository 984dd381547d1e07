using Microsoft.AspNetCore.Components;

namespace Inbox.Web.Components;

/// <summary>A component whose database calls stop when the user leaves it (the component is disposed).</summary>
public abstract class CancellableComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    protected CancellationToken Aborted => _disposed.Token;

    /// <summary>
    /// Runs work on the component's dispatcher from a live update or a timer. A failure goes to the nearest
    /// <see cref="ProblemBoundary"/> (a message with a retry, and the log) instead of vanishing with a stale screen.
    /// </summary>
    protected void Refresh(Func<Task> work) => _ = InvokeAsync(async () =>
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    });

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
