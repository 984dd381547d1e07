namespace Inbox.Core.Operations;

public enum WorkerState
{
    Starting,
    Working,
    Idle,
    BackingOff,
    /// <summary>Done by its own choice (switched off by configuration); not a fault.</summary>
    Off,
    Stopped,
}

/// <summary>A worker's heartbeat: its state since when, and its failures. Read from other threads, so each field is one write.</summary>
public sealed class WorkerStatus(TimeProvider time)
{
    private volatile Snapshot _now = new(WorkerState.Starting, time.GetUtcNow(), 0, 0, null);

    public sealed record Snapshot(WorkerState State, DateTimeOffset Since, int FailuresInARow, long Failures, string? LastError);

    public Snapshot Now => _now;

    internal void Working() => _now = _now with { State = WorkerState.Working, Since = time.GetUtcNow() };

    internal void Succeeded() => _now = _now with { State = WorkerState.Idle, Since = time.GetUtcNow(), FailuresInARow = 0 };

    internal void Failed(Exception exception) => _now = _now with
    {
        State = WorkerState.BackingOff,
        Since = time.GetUtcNow(),
        FailuresInARow = _now.FailuresInARow + 1,
        Failures = _now.Failures + 1,
        // The type and message only: enough to tell a locked database from a full disk, nothing from the payload.
        LastError = $"{exception.GetType().Name}: {exception.Message}",
    };

    internal void Off() => _now = _now with { State = WorkerState.Off, Since = time.GetUtcNow() };

    internal void Stopped()
    {
        if (_now.State != WorkerState.Off)
        {
            _now = _now with { State = WorkerState.Stopped, Since = time.GetUtcNow() };
        }
    }
}
