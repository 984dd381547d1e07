namespace Inbox.Core.History;

/// <summary>Wakes the history import worker when an import starts or resumes.</summary>
public sealed class HistorySignal : WakeSignal;
