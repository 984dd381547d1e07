namespace Inbox.Tests.Support;

/// <summary>Recorded webhook payloads in Inbox.Tests/Fixtures, as the exact bytes Meta would send.</summary>
public static class Fixture
{
    public const string DemoPageId = "104857600000001";

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "messenger", name));

    /// <summary>Page feed deliveries (comments), whose times are seconds.</summary>
    public static byte[] Feed(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "feed", name));
}
