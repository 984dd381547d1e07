using System.Net;
using Dapper;
using Inbox.Core.Storage;
using Inbox.Tests.Support;

namespace Inbox.Tests.Web.Faults;

/// <summary>The database's disk fills up under webhook traffic: never a 200 for what was not stored, and recovery by itself.</summary>
[Trait("Category", "Faults")]
public sealed class DiskFullTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_full_disk_gets_503s_never_a_200_and_everything_acknowledged_is_applied_once_space_returns()
    {
        using var disk = SmallDisk.Mount(megabytes: 16);
        await using var app = new InboxAppFactory { Settings = new Dictionary<string, string> { ["Storage:ConnectionString"] = $"Data Source={disk.Path}/inbox.db" } };
        var baseUrl = app.StartOnLoopback();
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        // The seeded demo moved from the write-ahead log into the database file first, so what is left is for deliveries;
        // room for a few of them, so the test sees the moment the disk fills.
        await using (var connection = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        var filled = disk.Fill(leave: 256 * 1024);

        // Deliveries of a few kilobytes each until the disk refuses one (bounded: the disk has no room for this many).
        var acknowledged = new List<string>();
        var refused = new List<(string Mid, byte[] Body)>();
        var padding = new string('x', 4000);
        for (var i = 0; i < 2_000 && refused.Count < 20; i++)
        {
            var mid = $"m_full_{i}";
            var body = Fixture.CustomerText($"psid-full-{i % 50}", DateTimeOffset.UtcNow, mid, $"{i} {padding}");
            var response = await SignedWebhook.PostAsync(client, "", body);
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
            (response.StatusCode == HttpStatusCode.OK ? acknowledged : null)?.Add(mid);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
                refused.Add((mid, body));
            }
        }
        Assert.True(refused.Count > 0, $"the disk never filled ({filled:N0} bytes of filler, {acknowledged.Count} deliveries acknowledged)");
        output.WriteLine($"{acknowledged.Count} deliveries acknowledged before the disk was full, then {refused.Count} answered 503");

        // Space comes back (an operator freed it); Meta delivers the refused ones again.
        disk.Free();
        foreach (var (_, body) in refused)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignedWebhook.PostAsync(client, "", body)).StatusCode);
        }

        var expected = acknowledged.Concat(refused.Select(r => r.Mid)).ToList();
        await Eventually.TrueAsync(async () => await CountAsync(app, expected) == expected.Count, "every acknowledged delivery applied", timeoutSeconds: 90);
        await Eventually.TrueAsync(async () => (await client.GetAsync("/healthz/ready")).StatusCode == HttpStatusCode.OK, "ready again", timeoutSeconds: 90);
        Assert.Equal(expected.Count, await CountAsync(app, expected));
        output.WriteLine($"after space returned: {expected.Count} of {expected.Count} applied, ready again");
    }

    private static async Task<int> CountAsync(InboxAppFactory app, IReadOnlyList<string> mids)
    {
        await using var connection = await app.Service<Database>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM messages WHERE mid IN @Mids", new { Mids = mids });
    }
}
