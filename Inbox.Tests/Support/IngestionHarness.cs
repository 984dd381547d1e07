using Inbox.Core.Conversations;
using Inbox.Core.Ingestion;
using Inbox.Core.Live;
using Inbox.Core.Pages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Tests.Support;

/// <summary>The ingestion path on a real SQLite file, with the demo Page connected, driven one delivery at a time.</summary>
public sealed class IngestionHarness : IAsyncDisposable
{
    private readonly TestDatabase _db = new();

    private IngestionHarness()
    {
        Deliveries = new WebhookDeliveryStore(_db.Database, TimeProvider.System);
        Conversations = new ConversationStore(_db.Database);
        Feed = new LiveFeed(NullLogger<LiveFeed>.Instance);
        Feed.Subscribe(Published.Add);
        Automation = new Inbox.Core.Automation.AutomationStore(_db.Database, Time, new Inbox.Core.Pages.PageSettingsChanges());
        SavedReplies = new Inbox.Core.SavedReplies.SavedReplyStore(_db.Database, Time);
        Moderation = new Inbox.Core.Comments.ModerationStore(_db.Database, Time, new Inbox.Core.Pages.PageSettingsChanges());
        Users = new Inbox.Core.Users.UserStore(_db.Database, new Microsoft.AspNetCore.Identity.PasswordHasher<Inbox.Core.Users.User>(), Time, new Inbox.Core.Users.UserChanges());
        var applier = new EventApplier(Time, new Inbox.Core.Automation.AutomationRules(Automation, SavedReplies, Time), Automation, Moderation);
        Kept = new KeptEventStore(_db.Database, new IngestSignal(), TimeProvider.System);
        Worker = new IngestWorker(
            _db.Database, Deliveries, applier, Kept, Feed, new IngestSignal(), new Inbox.Core.Contacts.ProfileSignal(), new Inbox.Core.Comments.CommentSignal(), new Inbox.Core.Outbox.SendSignal(),
            new Inbox.Core.Storage.WriteGate(), Microsoft.Extensions.Options.Options.Create(new IngestionOptions()), Time, NullLogger<IngestWorker>.Instance);
    }

    public TestDatabase Db => _db;

    /// <summary>The clock automation decisions read; tests move it.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public Inbox.Core.Automation.AutomationStore Automation { get; }

    public Inbox.Core.Comments.ModerationStore Moderation { get; }

    public Inbox.Core.SavedReplies.SavedReplyStore SavedReplies { get; }
    public Inbox.Core.Users.UserStore Users { get; }
    public WebhookDeliveryStore Deliveries { get; }
    public KeptEventStore Kept { get; }
    public ConversationStore Conversations { get; }
    public LiveFeed Feed { get; }
    public Inbox.Core.Outbox.OutboxStore Outbox => new(_db.Database, Feed, new Inbox.Core.Outbox.SendSignal(), Time);
    public IngestWorker Worker { get; }
    public List<InboxChange> Published { get; } = [];

    public static async Task<IngestionHarness> CreateAsync()
    {
        var harness = new IngestionHarness();
        await harness._db.MigratedAsync();
        await new PageStore(harness._db.Database, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()).AddIfMissingAsync(Fixture.DemoPageId, "Demo Page", "Europe/Paris", CancellationToken.None);
        return harness;
    }

    /// <summary>Stores the delivery as the webhook would, then lets the worker process everything pending.</summary>
    public async Task DeliverAsync(params byte[][] bodies)
    {
        await Deliveries.AppendAsync(bodies, CancellationToken.None);
        foreach (var delivery in await Deliveries.PendingAsync(100, CancellationToken.None))
        {
            await Worker.ProcessAsync(delivery, CancellationToken.None);
        }
    }

    public async Task<IReadOnlyList<Message>> AllMessagesAsync()
    {
        var messages = new List<Message>();
        foreach (var conversation in await Conversations.ListAsync(0, 1000, CancellationToken.None))
        {
            messages.AddRange(await Conversations.MessagesAsync(conversation.Id, CancellationToken.None));
        }
        return messages;
    }

    public ValueTask DisposeAsync()
    {
        _db.Dispose();
        return ValueTask.CompletedTask;
    }
}
