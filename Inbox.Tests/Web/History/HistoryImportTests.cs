using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Core.History;
using Inbox.Core.Pages;
using Inbox.Core.Storage;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;
using static Inbox.Web.Sandbox.SandboxHistory;

namespace Inbox.Tests.Web.History;

/// <summary>
/// A Page's history imported from the sandbox's Conversations and feed APIs over real HTTP, with small pages so every
/// list is paged: webhooks for the same messages meanwhile, a restart, Meta's usage at 95%, a token revoked midway.
/// </summary>
public sealed class HistoryImportTests : IAsyncLifetime
{
    private const string PageId = "104857600000031";
    private const string Token = "sandbox-page-history";

    private static readonly Dictionary<string, string> s_fast = new()
    {
        ["History:Interval"] = "00:00:00.010",
        ["History:ListLimit"] = "3",
        ["History:ItemLimit"] = "4",
        ["History:SlowInterval"] = "00:00:02",
        ["History:RetryInterval"] = "00:00:01",
    };

    private readonly TestDatabase _database = new();
    private InboxAppFactory _app = null!;
    private PageHistory _history = null!;

    public async Task InitializeAsync()
    {
        _app = Start(s_fast);
        _history = MadeUp(_app.Service<TimeProvider>().GetUtcNow());
        await ConnectAsync(_app, _history);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task A_paged_history_comes_in_once_even_with_a_webhook_for_the_same_message_arriving_during_it()
    {
        var newest = _history.Threads.OrderByDescending(t => t.UpdatedAt).First();
        var delivered = newest.Messages.Where(m => !m.FromPage).MaxBy(m => m.At)!;
        var hold = _app.Service<SandboxHistory>().HoldNext($"/{newest.Id}/messages");

        await _app.Service<HistoryImportStore>().StartAsync(PageId, 30, CancellationToken.None);
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(20));
        // Meta's webhook for a message the import is reading at this moment.
        await _app.PostSignedWebhookAsync(Delivery(newest.Psid, delivered));
        await Eventually.TrueAsync(async () => await CountAsync("SELECT COUNT(*) FROM messages WHERE mid = @Mid", new { delivered.Mid }) == 1, "the webhook's message");
        hold.Release();
        var import = await DoneAsync(_app);

        var since = import.SinceAt;
        var expected = _history.Threads.SelectMany(t => t.Messages).Where(m => m.At >= since).Select(m => m.Mid).ToList();
        Assert.True(expected.Count > 20 && expected.Count < _history.MessageCount, "the history must reach past 30 days and span several pages");
        Assert.Equal(expected.Order(), (await MidsAsync()).Order());
        Assert.Equal(expected.Count - 1, import.MessagesImported);
        var comments = _history.Posts.Where(p => p.At >= since).SelectMany(p => p.Comments).ToList();
        Assert.Equal(comments.Count, import.CommentsImported);
        Assert.Equal(comments.Count, await CountAsync("SELECT COUNT(*) FROM comments WHERE page_id = @PageId", new { PageId }));
        Assert.Equal("Winter opening hours", await ScalarAsync<string>("SELECT message FROM posts WHERE id = @Id", new { _history.Posts[0].Id }));
        // History is not news: nothing unread but the webhook's message, and nothing answered by automation.
        Assert.Equal(1, await CountAsync("SELECT COALESCE(SUM(unread_count), 0) FROM conversations WHERE page_id = @PageId", new { PageId }));
        Assert.Empty(_app.Service<SandboxGraph>().Received);
        Assert.Equal("Ana Lopes", await ScalarAsync<string>("SELECT name FROM contacts WHERE page_id = @PageId AND psid = @Psid", new { PageId, _history.Threads[0].Psid }));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_the_import_resumes_where_it_stopped()
    {
        await _app.DisposeAsync();
        // Slow enough to stop it halfway.
        _app = Start(new Dictionary<string, string>(s_fast) { ["History:Interval"] = "00:00:00.300" });
        await ConnectAsync(_app, _history);
        var store = _app.Service<HistoryImportStore>();
        await store.StartAsync(PageId, 30, CancellationToken.None);
        await Eventually.TrueAsync(async () => await store.GetAsync(PageId, CancellationToken.None) is { Phase: HistoryImport.ReadingItems, ItemsDone: >= 2 },
            "two items read");
        await _app.DisposeAsync();
        var before = await MidsAsync();

        // The sandbox keeps a test's history in memory only: the restarted node must not call it before it has the
        // history again, or Meta would seem to have deleted the conversations meanwhile (and they would be skipped).
        await ExecuteAsync("UPDATE history_imports SET next_attempt_at = @Later WHERE page_id = @PageId", new { Later = TimeProvider.System.GetUtcNow().AddHours(1), PageId });
        _app = Start(s_fast);
        _app.Service<SandboxHistory>().Set(PageId, _history);
        await ExecuteAsync("UPDATE history_imports SET next_attempt_at = @Now WHERE page_id = @PageId", new { Now = _app.Service<TimeProvider>().GetUtcNow(), PageId });
        _app.Service<HistorySignal>().Pulse();
        var import = await DoneAsync(_app);

        var calls = _app.Service<SandboxHistory>().Calls.Where(c => c.PageId == PageId).ToList();
        Assert.DoesNotContain(calls, c => c.Path.Contains("/conversations", StringComparison.Ordinal) || c.Path.Contains("/feed", StringComparison.Ordinal));
        Assert.True(before.Count > 0, "the first run must have brought messages");
        Assert.Equal(_history.Threads.SelectMany(t => t.Messages).Count(m => m.At >= import.SinceAt), (await MidsAsync()).Count);
    }

    [Fact]
    public async Task Meta_usage_at_95_percent_slows_the_import_until_it_falls()
    {
        var sandbox = _app.Service<SandboxHistory>();
        sandbox.UsagePercent = 95;
        var store = _app.Service<HistoryImportStore>();
        await store.StartAsync(PageId, 30, CancellationToken.None);
        var slowed = await Eventually.ReturnsAsync(async () => await store.GetAsync(PageId, CancellationToken.None) is { SlowedUntil: not null } i ? i : null, "the slow-down");
        await Eventually.TrueAsync(() => Task.FromResult(sandbox.Calls.Count(c => c.PageId == PageId) >= 2), "a second call");

        var calls = sandbox.Calls.Where(c => c.PageId == PageId).Take(2).ToList();
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(2), $"the second call came {(calls[1].At - calls[0].At).TotalMilliseconds} ms after the first");
        Assert.True(slowed.SlowedUntil > slowed.StartedAt);

        sandbox.UsagePercent = 10;
        var done = await DoneAsync(_app);
        Assert.Null(done.SlowedUntil);
    }

    [Fact]
    public async Task A_token_revoked_during_the_import_stops_it_with_the_reason_and_connecting_again_resumes_it()
    {
        var store = _app.Service<HistoryImportStore>();
        var hold = _app.Service<SandboxHistory>().HoldNext("/messages");
        await store.StartAsync(PageId, 30, CancellationToken.None);
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(20));
        _app.Service<SandboxLogin>().Revoke(PageId, 460);
        hold.Release();

        var stopped = await Eventually.ReturnsAsync(async () => await store.GetAsync(PageId, CancellationToken.None) is { State: HistoryImport.Stopped } i ? i : null, "the stop");
        Assert.Equal(TokenProblem.PasswordChanged, stopped.StoppedKind);
        Assert.Contains("changed their password", stopped.StoppedReason, StringComparison.Ordinal);
        Assert.True(await _app.Service<PageStore>().IsDisconnectedAsync(PageId, CancellationToken.None));

        _app.Service<SandboxLogin>().Restore(PageId);
        await _app.Service<FacebookLogin>().ConnectAsync([new(PageId, "Bougies d'Hier", Token, null, [])], [], "UTC", 30, CancellationToken.None);
        var done = await DoneAsync(_app);
        Assert.Equal(_history.Threads.SelectMany(t => t.Messages).Count(m => m.At >= done.SinceAt), (await MidsAsync()).Count);
    }

    [Fact]
    public async Task Meta_failing_for_a_moment_delays_the_import_and_loses_nothing()
    {
        var sandbox = _app.Service<SandboxHistory>();
        sandbox.FailNext("/messages", 2);
        sandbox.FailNext("/conversations", 1);
        await _app.Service<HistoryImportStore>().StartAsync(PageId, 30, CancellationToken.None);

        var done = await DoneAsync(_app);

        Assert.Equal(_history.Threads.SelectMany(t => t.Messages).Count(m => m.At >= done.SinceAt), (await MidsAsync()).Count);
        Assert.Equal(done.MessagesImported, (await MidsAsync()).Count);

        // Imported again over a longer span: what is here is neither stored nor counted twice; what is older comes.
        await _app.Service<HistoryImportStore>().StartAsync(PageId, 40, CancellationToken.None);
        await Eventually.TrueAsync(async () => await _app.Service<HistoryImportStore>().GetAsync(PageId, CancellationToken.None) is { Days: 40, State: HistoryImport.Done },
            "the second import");
        var again = (await _app.Service<HistoryImportStore>().GetAsync(PageId, CancellationToken.None))!;
        Assert.Equal(_history.Threads.SelectMany(t => t.Messages).Count(m => m.At >= again.SinceAt), (await MidsAsync()).Count);
        Assert.Equal(again.MessagesImported, (await MidsAsync()).Count);
    }

    [Fact]
    public async Task Imported_history_from_before_the_connection_counts_in_the_figures_only_when_an_admin_asks()
    {
        var store = _app.Service<HistoryImportStore>();
        await store.StartAsync(PageId, 30, CancellationToken.None);
        var import = await DoneAsync(_app);
        var facts = "SELECT COUNT(*) FROM response_facts WHERE page_id = @PageId";
        Assert.Equal(0, await CountAsync(facts, new { PageId }));
        // Only Ana, who wrote last two and a half days ago, is work for the team; threads that ended long ago are done.
        var open = await ScalarAsync<string>(
            "SELECT p.name FROM conversations c JOIN contacts p ON p.id = c.contact_id WHERE c.page_id = @PageId AND c.status = 'open'", new { PageId });
        Assert.Equal("Ana Lopes", open);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM conversations WHERE page_id = @PageId AND status = 'open'", new { PageId }));
        Assert.Equal(4, await CountAsync("SELECT COUNT(*) FROM conversations WHERE page_id = @PageId AND status = 'done'", new { PageId }));


        await store.SetIncludeInReportAsync(PageId, include: true, CancellationToken.None);
        // Meta's definition over what was imported: a person's message after 24 hours of silence, answered by the next Page message.
        var imported = _history.Threads.Select(t => t.Messages.Where(m => m.At >= import.SinceAt).OrderBy(m => m.At).ToList()).ToList();
        var opening = imported.SelectMany(messages => messages.Where((m, i) => !m.FromPage && (i == 0 || m.At - messages[i - 1].At >= TimeSpan.FromHours(24)))
            .Select(m => messages.Any(later => later.FromPage && later.At > m.At))).ToList();
        Assert.InRange(opening.Count, 6, 20);
        Assert.Equal(opening.Count, await CountAsync(facts, new { PageId }));
        Assert.Equal(opening.Count(answered => answered), await CountAsync(facts + " AND responded_at IS NOT NULL", new { PageId }));
        Assert.True((await store.GetAsync(PageId, CancellationToken.None))!.IncludeInReport);

        await store.SetIncludeInReportAsync(PageId, include: false, CancellationToken.None);
        Assert.Equal(0, await CountAsync(facts, new { PageId }));
    }

    private InboxAppFactory Start(IReadOnlyDictionary<string, string> settings)
    {
        var app = new InboxAppFactory(_database) { Settings = settings };
        app.StartOnLoopback();
        app.Service<SandboxHistory>().CallsPerSecond = 1000;
        return app;
    }

    private static async Task ConnectAsync(InboxAppFactory app, PageHistory history)
    {
        await app.Service<PageConnector>().ConnectAsync(PageId, "Bougies d'Hier", Token, "UTC", CancellationToken.None);
        app.Service<SandboxHistory>().Set(PageId, history);
    }

    private static async Task<HistoryImport> DoneAsync(InboxAppFactory app)
    {
        try
        {
            return await Eventually.ReturnsAsync(async () => await app.Service<HistoryImportStore>().GetAsync(PageId, CancellationToken.None) is { State: HistoryImport.Done } i ? i : null,
                "the import to finish", timeoutSeconds: 60);
        }
        catch (TimeoutException exception)
        {
            var worker = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<HistoryImportWorker>().Single();
            throw new TimeoutException($"{exception.Message} {await app.Service<HistoryImportStore>().GetAsync(PageId, CancellationToken.None)} {worker.Status.Now}", exception);
        }
    }

    private async Task<List<string>> MidsAsync()
    {
        await using var connection = await _database.Database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>(
            "SELECT m.mid FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.page_id = @PageId", new { PageId })];
    }

    private async Task<int> CountAsync(string sql, object parameters) => await ScalarAsync<int>(sql, parameters);

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await _database.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    private async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = await _database.Database.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private static byte[] Delivery(string psid, HistoryMessage message) => Encoding.UTF8.GetBytes($$$"""
        {"object":"page","entry":[{"id":"{{{PageId}}}","time":{{{message.At.ToUnixTimeMilliseconds()}}},"messaging":[{"sender":{"id":"{{{psid}}}"},"recipient":{"id":"{{{PageId}}}"},
        "timestamp":{{{message.At.ToUnixTimeMilliseconds()}}},"message":{"mid":"{{{message.Mid}}}","text":"{{{message.Text}}}"}}]}]}
        """);

    // Seven people days apart (the last two more than 30 days ago), one of them writing for five weeks; two recent
    // posts with a paged run of comments, one older post.
    private static PageHistory MadeUp(DateTimeOffset now)
    {
        now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        string[] names = ["Ana Lopes", "Ben Carter", "Chloé Roux", "Dev Patel", "Eva Klein", "Finn Berg", "Gia Rossi"];
        var threads = new List<HistoryThread>();
        for (var i = 0; i < names.Length; i++)
        {
            var start = now.AddDays(-(i * 6 + 2));
            var messages = Enumerable.Range(0, i + 2).Select(j => new HistoryMessage($"m_hist_{i}_{j}", start.AddMinutes(j * 7), j % 2 == 1, $"Message {j} of {names[i]}")).ToList();
            threads.Add(new HistoryThread($"t_hist_{i}", $"91000000000000{i}", names[i], messages));
        }
        // Ana has written every few days for five weeks; the first two of her messages are older than 30 days.
        threads[0] = threads[0] with
        {
            Messages = [.. Enumerable.Range(0, 10).Select(j => new HistoryMessage($"m_hist_0_{j}", now.AddHours(-34 * 24 + j * 84), j % 3 == 2, $"Ana, week {j}"))],
        };
        var posts = new List<Post>
        {
            new($"{PageId}_1", "Winter opening hours", now.AddDays(-3), [.. Enumerable.Range(0, 6).Select(c =>
                new HistoryComment($"1_{c}", $"10000000000000{c}", $"Fan {c}", now.AddDays(-3).AddMinutes(c * 10), $"Comment {c}", c == 5 ? "1_0" : null))]),
            new($"{PageId}_2", "New scents", now.AddDays(-10), [new("2_0", "100000000000009", "Fan 9", now.AddDays(-9), "Lovely", null)]),
            new($"{PageId}_3", "Summer sale", now.AddDays(-45), [new("3_0", "100000000000009", "Fan 9", now.AddDays(-44), "Old", null)]),
        };
        return new PageHistory([.. threads.OrderByDescending(t => t.UpdatedAt)], posts);
    }
}
