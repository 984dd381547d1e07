namespace Inbox.Web.Components;

/// <summary>
/// How a component re-reads on live changes: one read at a time, and changes that come while a read is on its way
/// cause exactly one more read after it. A burst becomes one or two reads, and the last read always starts after the
/// last change, so an earlier, slower read can never be the one left on the screen. Call
/// <see cref="RequestAsync"/> on the component's dispatcher (InvokeAsync), where no two calls run at once.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> read)
{
    private bool _reading;
    private bool _again;

    public async Task RequestAsync()
    {
        if (_reading)
        {
            _again = true;
            return;
        }
        _reading = true;
        try
        {
            do
            {
                // Lets the changes already queued on the dispatcher arrive first: they are in the read that follows.
                await Task.Yield();
                _again = false;
                await read();
            }
            while (_again);
        }
        finally
        {
            _reading = false;
        }
    }
}
