namespace Inbox.Core.Ingestion;

/// <summary>Wakes the ingest worker when deliveries have been stored.</summary>
public sealed class IngestSignal : WakeSignal;
