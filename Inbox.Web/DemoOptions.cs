namespace Inbox.Web;

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Loads the demo business from seed-data/ on first start. On unless configured off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the demo business is read from; the copy next to the executable by default.</summary>
    public string SeedPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "seed-data");

    public SimulatorOptions Simulator { get; set; } = new();

    public sealed class SimulatorOptions
    {
        /// <summary>How many scripted customer messages arrive per minute in demo mode; 0 turns the simulator off.</summary>
        public double MessagesPerMinute { get; set; } = 3;
    }
}
