using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Web.Sandbox;

/// <summary>
/// The past of the sandbox's Pages, as Meta's Conversations and feed APIs serve it: Messenger threads with their
/// messages, posts with their comments. Each Page gets a made-up but steady history over the last weeks (the demo
/// Page a few hundred messages) unless a test sets one. The people and comments are also made known to the
/// sandbox's Send API, so imported conversations can be answered under Meta's rules.
/// </summary>
public sealed class SandboxHistory(Database database, SandboxLogin login, Microsoft.Extensions.Options.IOptions<Inbox.Core.Meta.MetaOptions> meta, TimeProvider time)
{
    public sealed record HistoryMessage(string Mid, DateTimeOffset At, bool FromPage, string Text);

    public sealed record HistoryThread(string Id, string Psid, string Name, IReadOnlyList<HistoryMessage> Messages)
    {
        public DateTimeOffset UpdatedAt => Messages.Max(m => m.At);
    }

    public sealed record HistoryComment(string Id, string FromId, string FromName, DateTimeOffset At, string Text, string? ParentId);

    public sealed record Post(string Id, string Message, DateTimeOffset At, IReadOnlyList<HistoryComment> Comments);

    public sealed record PageHistory(IReadOnlyList<HistoryThread> Threads, IReadOnlyList<Post> Posts)
    {
        public int MessageCount => Threads.Sum(t => t.Messages.Count);
    }

    /// <summary>A call the sandbox answered, for tests and the import measure.</summary>
    public sealed record Call(DateTimeOffset At, string PageId, string Path);

    private readonly ConcurrentDictionary<string, Task<PageHistory>> _pages = new();
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly ConcurrentQueue<Hold> _holds = new();
    private readonly ConcurrentQueue<string> _failures = new();

    /// <summary>The usage Meta reports in X-App-Usage and X-Business-Use-Case-Usage, in percent.</summary>
    public int UsagePercent { get; set; } = 4;

    /// <summary>Meta's limit for the Conversations API: 2 calls a second per Page; beyond it, error 613.</summary>
    public int CallsPerSecond { get; set; } = meta.Value.Sandbox.HistoryCallsPerSecond;

    public IReadOnlyList<Call> Calls => [.. _calls];

    /// <summary>Sets a Page's history (tests), instead of the made-up one.</summary>
    public void Set(string pageId, PageHistory history) => _pages[pageId] = Task.FromResult(history);

    public Task<PageHistory> ForAsync(string pageId, CancellationToken cancellationToken) =>
        _pages.GetOrAdd(pageId, id => MakeUpAsync(id, cancellationToken));

    /// <summary>The next call whose path contains <paramref name="pathPart"/> waits until the hold is released.</summary>
    public Hold HoldNext(string pathPart)
    {
        var hold = new Hold(pathPart);
        _holds.Enqueue(hold);
        return hold;
    }

    /// <summary>The next <paramref name="count"/> calls whose path contains <paramref name="pathPart"/> fail as Meta does when it has a moment (HTTP 500, code 2).</summary>
    public void FailNext(string pathPart, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(pathPart);
        }
    }

    public sealed class Hold(string pathPart)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string PathPart => pathPart;

        /// <summary>Completes when a call is being held.</summary>
        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        internal async Task WaitAsync(CancellationToken cancellationToken)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Records the call, holds it if a test asked, and says how Meta refuses it (its per-Page rate, a fault), if it does.</summary>
    internal async Task<SandboxGraph.Answer?> AdmitAsync(string pageId, string path, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = _calls.Count(c => c.PageId == pageId && now - c.At < TimeSpan.FromSeconds(1));
        _calls.Enqueue(new Call(now, pageId, path));
        while (_calls.Count > SandboxGraph.MaxReceived && _calls.TryDequeue(out _))
        {
        }
        if (_holds.TryPeek(out var hold) && path.Contains(hold.PathPart, StringComparison.Ordinal) && _holds.TryDequeue(out hold))
        {
            await hold.WaitAsync(cancellationToken);
        }
        if (_failures.TryPeek(out var failing) && path.Contains(failing, StringComparison.Ordinal) && _failures.TryDequeue(out _))
        {
            return SandboxGraph.Error(500, 2, null, "An unexpected error has occurred. Please retry your request later.", "OAuthException");
        }
        return recent < CallsPerSecond ? null : SandboxGraph.Error(400, 613, null, "(#613) Calls to this api have exceeded the rate limit.", "OAuthException");
    }

    /// <summary>Meta's usage headers, as the sandbox reports them on every history answer.</summary>
    internal IReadOnlyDictionary<string, string> UsageHeaders(string pageId) => new Dictionary<string, string>
    {
        ["X-App-Usage"] = $$"""{"call_count":{{UsagePercent}},"total_cputime":{{UsagePercent / 2}},"total_time":{{UsagePercent / 2}}}""",
        [Inbox.Core.Meta.BusinessUseCaseUsage.HeaderName] =
            $$"""{"{{pageId}}":[{"type":"pages","call_count":{{UsagePercent}},"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}]}""",
    };

    /// <summary>Which Page a thread or post belongs to; null when the sandbox has no such thing.</summary>
    public async Task<(string PageId, HistoryThread? Thread, Post? Post)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var page in await login.DirectoryAsync(cancellationToken))
        {
            // The directory's Pages have a history from their first look on; others only when a test set one.
            await ForAsync(page.Id, cancellationToken);
        }
        foreach (var (pageId, task) in _pages)
        {
            var history = await task;
            if (history.Threads.FirstOrDefault(t => t.Id == id) is { } thread)
            {
                return (pageId, thread, null);
            }
            if (history.Posts.FirstOrDefault(p => p.Id == id) is { } post)
            {
                return (pageId, null, post);
            }
        }
        return null;
    }

    /// <summary>Makes the people and comments of a history known to the Send API (the window, private replies).</summary>
    public async Task RememberAsync(string pageId, PageHistory history, CancellationToken cancellationToken)
    {
        const string Customer = """
            INSERT INTO sandbox_customers (page_id, psid, name, last_message_at) VALUES (@PageId, @Psid, @Name, @At)
            ON CONFLICT (page_id, psid) DO UPDATE SET last_message_at = CASE WHEN excluded.last_message_at > sandbox_customers.last_message_at
                THEN excluded.last_message_at ELSE sandbox_customers.last_message_at END
            """;
        const string PostRow = "INSERT INTO sandbox_posts (id, page_id, message, permalink_url) VALUES (@Id, @PageId, @Message, @Permalink) ON CONFLICT (id) DO NOTHING";
        const string CommentRow = """
            INSERT INTO sandbox_comments (id, page_id, post_id, from_id, from_name, created_at) VALUES (@Id, @PageId, @PostId, @FromId, @FromName, @At)
            ON CONFLICT (id) DO NOTHING
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var thread in history.Threads.Where(t => t.Messages.Any(m => !m.FromPage)))
        {
            await connection.ExecuteAsync(new CommandDefinition(Customer,
                new { PageId = pageId, thread.Psid, thread.Name, At = thread.Messages.Where(m => !m.FromPage).Max(m => m.At) }, cancellationToken: cancellationToken));
        }
        foreach (var post in history.Posts)
        {
            await connection.ExecuteAsync(new CommandDefinition(PostRow,
                new { post.Id, PageId = pageId, post.Message, Permalink = SandboxGraph.Permalink(pageId, post.Id) }, cancellationToken: cancellationToken));
            foreach (var comment in post.Comments)
            {
                await connection.ExecuteAsync(new CommandDefinition(CommentRow,
                    new { comment.Id, PageId = pageId, PostId = post.Id, comment.FromId, comment.FromName, comment.At }, cancellationToken: cancellationToken));
            }
        }
    }

    private async Task<PageHistory> MakeUpAsync(string pageId, CancellationToken cancellationToken)
    {
        var demoPage = (await login.DirectoryAsync(cancellationToken))[0].Id;
        var threads = meta.Value.Sandbox.HistoryThreads;
        var history = SandboxHistoryScript.MakeUp(pageId, time.GetUtcNow(), threads: pageId == demoPage ? threads : threads / 4, posts: pageId == demoPage ? 8 : 3);
        await RememberAsync(pageId, history, cancellationToken);
        return history;
    }

    internal static string Id(string prefix, string seed) => prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..20];
}
