namespace Inbox.Web.Operations;

/// <summary>The <c>Operations</c> configuration section.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>A secret a metrics scraper sends as <c>Authorization: Bearer …</c>; empty lets only administrators read /metrics.</summary>
    public string MetricsToken { get; set; } = "";
}
