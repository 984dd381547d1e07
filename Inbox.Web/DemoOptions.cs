namespace Inbox.Web;

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>
    /// Loads the demo business (with its well-known passwords) and plays customers. On only where configured:
    /// appsettings.Development.json does, so <c>dotnet run</c> gives the demo and a published build never does by accident.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Where the demo business is read from; the copy next to the executable by default.</summary>
    public string SeedPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "seed-data");

    public SimulatorOptions Simulator { get; set; } = new();

    public sealed class SimulatorOptions
    {
        /// <summary>How many scripted customer messages arrive per minute in demo mode; 0 turns the simulator off.</summary>
        public double MessagesPerMinute { get; set; } = 3;
    }
}
