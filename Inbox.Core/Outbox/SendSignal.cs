namespace Inbox.Core.Outbox;

/// <summary>Wakes the send worker when a reply has been written to the outbox.</summary>
public sealed class SendSignal : WakeSignal;
