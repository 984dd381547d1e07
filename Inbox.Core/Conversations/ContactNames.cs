namespace Inbox.Core.Conversations;

public sealed class ContactNames
{
    /// <summary>The contact's name, or a clear placeholder built from the end of their PSID until Meta tells us.</summary>
    public static string Display(string? name, string psid) => name ?? CoreText.Get<ContactNames>("MessengerUser", psid[^Math.Min(4, psid.Length)..]);
}
