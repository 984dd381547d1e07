namespace Inbox.Tests.Support;

/// <summary>Recorded webhook payloads in Inbox.Tests/Fixtures, as the exact bytes Meta would send.</summary>
public static class Fixture
{
    public const string DemoPageId = "104857600000001";

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "messenger", name));

    /// <summary>A delivery of one customer text message, as Meta sends it (times in milliseconds).</summary>
    public static byte[] CustomerText(string psid, DateTimeOffset at, string mid, string text = "Hello", string pageId = DemoPageId) => Delivery(at, $$$"""
        {"sender":{"id":"{{{psid}}}"},"recipient":{"id":"{{{pageId}}}"},"timestamp":{{{at.ToUnixTimeMilliseconds()}}},"message":{"mid":"{{{mid}}}","text":{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}}
        """, pageId);

    /// <summary>A delivery of one echo of a reply sent from Meta's Page Inbox.</summary>
    public static byte[] PageInboxEcho(string psid, DateTimeOffset at, string mid, string text = "Hi!") => Delivery(at, $$$"""
        {"sender":{"id":"{{{DemoPageId}}}"},"recipient":{"id":"{{{psid}}}"},"timestamp":{{{at.ToUnixTimeMilliseconds()}}},"message":{"mid":"{{{mid}}}","is_echo":true,"app_id":263902037430900,"text":{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}}
        """);

    /// <summary>One messaging event as a delivery of its own.</summary>
    public static byte[] Delivery(DateTimeOffset at, string messaging, string pageId = DemoPageId) => System.Text.Encoding.UTF8.GetBytes(
        $$"""{"object":"page","entry":[{"id":"{{pageId}}","time":{{at.ToUnixTimeMilliseconds()}},"messaging":[{{messaging.Trim()}}]}]}""");

    /// <summary>Page feed deliveries (comments), whose times are seconds.</summary>
    public static byte[] Feed(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "feed", name));
}
