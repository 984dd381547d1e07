namespace Inbox.Core.Conversations;

public static class ContactNames
{
    /// <summary>The contact's name, or a clear placeholder built from the end of their PSID until Meta tells us.</summary>
    public static string Display(string? name, string psid) => name ?? $"Messenger user …{psid[^Math.Min(4, psid.Length)..]}";
}
