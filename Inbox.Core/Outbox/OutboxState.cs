namespace Inbox.Core.Outbox;

/// <summary>
/// A reply's way out, written in <see cref="OutboxStore"/> alone:
/// <code>
/// Queued ──claim──> Sending ──Meta accepted──────────────> Sent   (or its echo, from any state but Failed)
///   ▲                  │──refused for good───────────────> Failed ──"Send again"──> Queued
///   │                  │──not delivered, worth retrying──> Queued (later)
///   │                  └──timeout / dropped / unreadable─> Unknown ──no echo in time──> Sending again
///   └─────────────── a Sending whose lease ran out (the process died mid-call) is Unknown that has waited
/// </code>
/// </summary>
public enum OutboxState
{
    Queued,
    Sending,
    Unknown,
    Sent,
    Failed,
}
