using System.Diagnostics;
using System.Net;
using Dapper;
using Inbox.Core.Meta;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Xunit.Abstractions;

namespace Inbox.Tests.Web.Faults;

/// <summary>
/// Signed deliveries mutated from every fixture, interleaved with valid ones: none may crash anything, be refused with
/// a 5xx, or be kept with a reason only a .NET developer could read, and every valid one is applied. The fault suite
/// (faults.sh) runs 10,000; test.sh runs a few hundred.
/// </summary>
[Trait("Category", "Faults")]
public sealed class MutatedDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    private string _baseUrl = "";

    // On a real port: the profile and comment workers call the sandbox Graph API over HTTP, and must stay healthy.
    public Task InitializeAsync()
    {
        _baseUrl = _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Mutated_deliveries_are_acknowledged_kept_with_a_reason_in_words_and_never_cost_the_valid_ones()
    {
        var count = FaultScale.IsLong ? 10_000 : 400;
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json", SearchOption.AllDirectories)
            .Select(File.ReadAllBytes).ToList();
        var mutator = new DeliveryMutator(seed: 20261203);
        using var client = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var validAcks = new List<double>();
        var statuses = new Dictionary<HttpStatusCode, int>();
        var validMids = new List<string>();
        // The yardstick, in the same run: valid deliveries alone, as many as will be interleaved below.
        var aloneAcks = new List<double>();
        for (var i = 0; i < count / 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await PostAsync(client, Fixture.CustomerText($"74{i:D14}", DateTimeOffset.UtcNow, $"m_alone_{i}", "A valid message alone"));
            aloneAcks.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        for (var i = 0; i < count; i++)
        {
            var valid = i % 10 == 0;
            var mid = $"m_valid_{i}";
            var body = valid
                ? Fixture.CustomerText($"72{i:D14}", DateTimeOffset.UtcNow, mid, "A valid message among mutated ones")
                : mutator.Mutate(fixtures[i % fixtures.Count]);
            var started = Stopwatch.GetTimestamp();
            using var response = await PostAsync(client, body);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (valid)
            {
                validAcks.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                validMids.Add(mid);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        await Eventually.TrueAsync(async () => await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'") == 0,
            "every delivery to be applied or kept apart", FaultScale.IsLong ? 600 : 120);
        validAcks.Sort();
        aloneAcks.Sort();
        output.WriteLine($"{count} deliveries: {string.Join(", ", statuses.Select(pair => $"{(int)pair.Key}: {pair.Value}"))}; " +
            $"valid ones acknowledged p50 {validAcks[validAcks.Count / 2]:F1} ms, p99 {validAcks[(int)(validAcks.Count * 0.99)]:F1} ms " +
            $"(alone, same run: p50 {aloneAcks[aloneAcks.Count / 2]:F1} ms, p99 {aloneAcks[(int)(aloneAcks.Count * 0.99)]:F1} ms)");
        Assert.DoesNotContain(statuses.Keys, status => (int)status >= 500);
        Assert.Equal(validMids.Count, await CountAsync("SELECT COUNT(*) FROM messages WHERE mid LIKE 'm_valid_%'"));
        await using var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None);
        // Whole deliveries kept (not a Page delivery at all) and single events kept apart from the rest of theirs.
        var dead = (await connection.QueryAsync<string?>("SELECT error FROM webhook_deliveries WHERE status = 'dead'")).ToList();
        var events = (await connection.QueryAsync<string?>("SELECT reason FROM kept_events")).ToList();
        var reasons = dead.Concat(events).ToList();
        output.WriteLine($"{dead.Count} deliveries and {events.Count} events kept apart; reasons: {string.Join(" | ", reasons.Select(Shape).Distinct().Order().Take(40))}");
        Assert.All(reasons, reason =>
        {
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.DoesNotContain("Object reference", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", reason, StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
    }

    // Reasons name ids and values; their shape is what tells the kinds apart.
    private static string Shape(string? reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason ?? "", "[0-9]+", "N") is var shaped && shaped.Length > 140 ? shaped[..140] : shaped;

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _app.Service<Database>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body) => SignedWebhook.PostAsync(client, "", body);
}
