using System.Text.Json;

namespace Inbox.Web.Demo;

/// <summary>Scripted demo customers from <c>seed-data/customers.json</c>: each says its lines in turn.</summary>
public sealed record SimulatorScript(IReadOnlyList<SimulatedCustomer> Customers)
{
    public const string FileName = "customers.json";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static async Task<SimulatorScript> LoadAsync(string seedDirectory, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(Path.Combine(seedDirectory, FileName));
        return await JsonSerializer.DeserializeAsync<SimulatorScript>(stream, s_json, cancellationToken)
            ?? throw new InvalidDataException($"{FileName} is empty.");
    }

    /// <summary>The n-th message of the endless demo: customers take turns, each going through its lines and starting over.</summary>
    public (SimulatedCustomer Customer, string Line) Message(long n)
    {
        var customer = Customers[(int)(n % Customers.Count)];
        var line = customer.Lines[(int)(n / Customers.Count % customer.Lines.Count)];
        return (customer, line);
    }
}

public sealed record SimulatedCustomer(string Psid, string Name, IReadOnlyList<string> Lines);
