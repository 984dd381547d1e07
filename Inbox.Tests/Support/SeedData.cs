namespace Inbox.Tests.Support;

public static class SeedData
{
    /// <summary>The repository's seed-data folder, copied beside the web app's build output.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "seed-data");
}
