using System.Text.Json;

namespace Inbox.Web.Demo;

/// <summary>Scripted demo customers from <c>seed-data/customers.json</c>: each says its lines in turn.</summary>
public sealed record SimulatorScript(IReadOnlyList<SimulatedCustomer> Customers, IReadOnlyList<SimulatedPost>? Posts = null)
{
    public const string FileName = "customers.json";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static async Task<SimulatorScript> LoadAsync(string seedDirectory, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(Path.Combine(seedDirectory, FileName));
        return await JsonSerializer.DeserializeAsync<SimulatorScript>(stream, s_json, cancellationToken)
            ?? throw new InvalidDataException($"{FileName} is empty.");
    }

    /// <summary>
    /// The n-th message of the endless demo: customers take turns, each going through its lines and starting over.
    /// A customer with an ad writes their first line from it.
    /// </summary>
    public (SimulatedCustomer Customer, string Line, Inbox.Core.Meta.Referral? FromAd) Message(long n)
    {
        var customer = Customers[(int)(n % Customers.Count)];
        var lineIndex = (int)(n / Customers.Count % customer.Lines.Count);
        var fromAd = lineIndex == 0 && customer.Ad is { } ad
            ? new Inbox.Core.Meta.Referral("ADS", "OPEN_THREAD", ad.Ref, ad.AdId, ad.AdTitle, null, null, null, null)
            : null;
        return (customer, customer.Lines[lineIndex], fromAd);
    }

    /// <summary>A customer with a comment posts it under a post on their second turn, instead of a message.</summary>
    public (SimulatedCustomer Customer, SimulatedPost Post, string Text)? Comment(long n)
    {
        var customer = Customers[(int)(n % Customers.Count)];
        var turn = n / Customers.Count;
        return turn % customer.Lines.Count == 1 && customer.Comment is { } text && Posts is { Count: > 0 } posts
            ? (customer, posts[(int)(n % posts.Count)], text)
            : null;
    }
}

public sealed record SimulatedCustomer(string Psid, string Name, IReadOnlyList<string> Lines, SimulatedAd? Ad = null, string? Comment = null);

/// <summary>A Page post the sandbox knows, for demo comments.</summary>
public sealed record SimulatedPost(string Id, string Message);

/// <summary>A Click-to-Messenger ad a demo customer comes from.</summary>
public sealed record SimulatedAd(string Ref, string AdId, string AdTitle);
