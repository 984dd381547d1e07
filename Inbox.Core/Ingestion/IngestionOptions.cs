namespace Inbox.Core.Ingestion;

/// <summary>The <c>Ingestion</c> configuration section.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>
    /// Whether this process applies stored deliveries. Off, it only receives and stores them (a receive-only node,
    /// or a crash-safety test that stops before anything is applied).
    /// </summary>
    public bool WorkerEnabled { get; set; } = true;
}
