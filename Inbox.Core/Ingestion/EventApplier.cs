using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Inbox.Core.Automation;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Core.Meta;

namespace Inbox.Core.Ingestion;

/// <summary>
/// Applies platform events inside the caller's transaction. Every step is idempotent (contacts by Page and PSID,
/// conversations by contact, messages by mid, our replies by their metadata), so a delivery applied twice, or
/// the same message in two deliveries, changes nothing the second time.
/// </summary>
public sealed class EventApplier(TimeProvider time, AutomationRules automation, AutomationStore automationSettings, Comments.ModerationStore moderation)
{
    // Which conversation a person's events go to, once it is committed: most messages come from people already
    // known, and this saves two upserts on each of them. Bounded by MaxRemembered.
    private readonly ConcurrentDictionary<(string PageId, string Psid), long> _conversations = new();

    /// <summary>What one transaction learned; remembered only once it has committed.</summary>
    public sealed class Scope
    {
        internal Dictionary<(string PageId, string Psid), long> Learned { get; } = [];

        /// <summary>
        /// Set for history read from the Graph API after connecting: the messages are marked imported, nobody is told
        /// of them as unread, automation never answers them, and those before <see cref="ImportCountsFrom"/> count in
        /// the responsiveness figures only when <see cref="IncludeImported"/>.
        /// </summary>
        public bool Imported { get; init; }

        public DateTimeOffset ImportCountsFrom { get; init; }

        public bool IncludeImported { get; init; }

        internal bool Counts(DateTimeOffset messageAt) => !Imported || IncludeImported || messageAt >= ImportCountsFrom;
    }

    // Enough for every person active in a busy week; past it the cache starts over (a miss only costs two upserts).
    internal const int MaxRemembered = 100_000;

    internal int Remembered => _conversations.Count;

    public void Remember(Scope scope)
    {
        if (_conversations.Count + scope.Learned.Count > MaxRemembered)
        {
            _conversations.Clear();
        }
        foreach (var (key, conversationId) in scope.Learned)
        {
            _conversations[key] = conversationId;
        }
    }

    public async Task<IReadOnlyList<InboxChange>> ApplyAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PlatformEvent> events, Scope scope, CancellationToken cancellationToken)
    {
        var changes = new List<InboxChange>();
        var context = new Context(connection, transaction, scope, cancellationToken);
        foreach (var platformEvent in events)
        {
            if (platformEvent is CustomerMessage customerMessage)
            {
                changes.AddRange(await ApplyCustomerMessageAsync(context, customerMessage));
                continue;
            }
            var change = platformEvent switch
            {
                PageEcho echo => await ApplyEchoAsync(context, echo),
                MessagesDelivered delivered => await ApplyWatermarkAsync(context, delivered, delivered.Watermark, read: false),
                MessagesRead read => await ApplyWatermarkAsync(context, read, read.Watermark, read: true),
                ReferralReceived referral => await ApplyReferralAsync(context, referral, referral.Referral),
                MessageReacted reaction => await MessageEventApplier.ApplyReactionAsync(context.Connection, context.Transaction, await ConversationForAsync(context, reaction), reaction, context.CancellationToken),
                MessageEdited edit => await MessageEventApplier.ApplyEditAsync(context.Connection, context.Transaction, await ConversationForAsync(context, edit), edit, context.CancellationToken),
                OptedIn optin => await MessageEventApplier.ApplyOptInAsync(context.Connection, context.Transaction, await ConversationForAsync(context, optin), optin, context.CancellationToken),
                ThreadControlChanged control => await MessageEventApplier.ApplyThreadControlAsync(context.Connection, context.Transaction, await ConversationForAsync(context, control), control, context.CancellationToken),
                // Old comments were seen by the Page long ago: today's moderation rules do not hide them now.
                CommentChanged comment => await CommentApplier.ApplyAsync(context.Connection, context.Transaction, comment,
                    context.Scope.Imported ? Comments.ModerationRules.None(comment.PageId) : await moderation.GetAsync(comment.PageId, context.CancellationToken),
                    time.GetUtcNow(), context.CancellationToken),
                AppRolesChanged roles => await MessageEventApplier.ApplyAppRolesAsync(context.Connection, context.Transaction, roles, context.CancellationToken),
                PolicyNoticeReceived notice => await MessageEventApplier.ApplyPolicyNoticeAsync(context.Connection, context.Transaction, notice, context.CancellationToken),
                _ => null,
            };
            if (change is not null)
            {
                changes.Add(change);
            }
        }
        return changes;
    }

    private async Task<IReadOnlyList<InboxChange>> ApplyCustomerMessageAsync(Context context, CustomerMessage message)
    {
        const string Insert = """
            INSERT INTO messages (conversation_id, mid, direction, text, attachments, quick_reply_payload, sent_at, status, reply_to_mid, postback_payload, imported)
            VALUES (@ConversationId, @Mid, 'in', @Text, @Attachments, @QuickReply, @SentAt, 'received', @ReplyToMid, @PostbackPayload, @Imported)
            ON CONFLICT (mid) DO NOTHING
            RETURNING id
            """;
        const string Touch = """
            UPDATE conversations SET
                last_message_preview = CASE WHEN @At >= last_message_at THEN @Preview ELSE last_message_preview END,
                last_message_direction = CASE WHEN @At >= last_message_at THEN 'in' ELSE last_message_direction END,
                waiting_since = CASE
                    WHEN @At >= last_message_at AND waiting_since IS NULL THEN @At
                    -- A late, older message: the customer waited since then unless the Page wrote after it.
                    WHEN @At < waiting_since AND NOT EXISTS (
                        SELECT 1 FROM messages WHERE conversation_id = @ConversationId AND direction = 'out' AND sent_at >= @At) THEN @At
                    ELSE waiting_since END,
                last_message_at = CASE WHEN @At >= last_message_at THEN @At ELSE last_message_at END,
                last_customer_message_at = CASE WHEN last_customer_message_at IS NULL OR @At > last_customer_message_at THEN @At ELSE last_customer_message_at END,
                unread_count = unread_count + @Unread,
                -- The customer wrote: a done, snoozed or pending conversation is open again.
                status = CASE WHEN @At >= last_message_at THEN 'open' ELSE status END,
                snoozed_until = CASE WHEN @At >= last_message_at THEN NULL ELSE snoozed_until END
            WHERE id = @ConversationId
            """;
        var conversationId = await ConversationForAsync(context, message);
        var messageId = await context.Connection.QuerySingleOrDefaultAsync<long?>(context.Command(Insert, new
        {
            ConversationId = conversationId,
            message.Mid,
            message.Text,
            Attachments = AttachmentJson.Write(message.Attachments),
            QuickReply = message.QuickReplyPayload,
            SentAt = message.Timestamp,
            message.ReplyToMid,
            message.PostbackPayload,
            Imported = context.Scope.Imported ? 1 : 0,
        }));
        if (messageId is null)
        {
            return [];
        }
        if (message.Referral is { } referral)
        {
            await ApplyReferralAsync(context, message, referral);
        }
        await context.Connection.ExecuteAsync(context.Command(Touch, new
        {
            ConversationId = conversationId,
            At = message.Timestamp,
            Preview = MessagePreview.For(message.Text, message.Attachments),
            Unread = context.Scope.Imported ? 0 : 1,
        }));
        var added = new InboxChange(conversationId, InboxChangeKind.MessageAdded, messageId);
        if (context.Scope.Counts(message.Timestamp))
        {
            // The Page's away periods of the past are not known: for history the clock starts with the message.
            var clockStarts = context.Scope.Imported ? message.Timestamp
                : Responsiveness.ResponseClock.StartsAt(await automationSettings.GetAsync(message.PageId, context.CancellationToken), message.Timestamp);
            await Responsiveness.ResponseFacts.OnCustomerMessageAsync(
                context.Connection, context.Transaction, conversationId, message.PageId, messageId.Value, message.Timestamp, clockStarts, context.CancellationToken);
        }
        if (context.Scope.Imported)
        {
            // History: answered or not long ago, never by automation now.
            return [added];
        }
        var outcome = await automation.OnCustomerMessageAsync(context.Connection, context.Transaction, conversationId, message, context.CancellationToken);
        var changes = new List<InboxChange> { added };
        if (outcome.AutomatedMessageId is { } automatedId)
        {
            changes.Add(new InboxChange(conversationId, InboxChangeKind.MessageAdded, automatedId));
        }
        if (outcome.HandedOver)
        {
            changes.Add(new InboxChange(conversationId, InboxChangeKind.HandedOver));
        }
        return changes;
    }

    private async Task<InboxChange?> ApplyEchoAsync(Context context, PageEcho echo)
    {
        // Our own reply: the row exists already (written before sending). The HTTP answer may have set the mid first.
        const string MatchOwn = """
            UPDATE messages SET mid = @Mid, status = 'sent', send_state = NULL, sent_at = @SentAt, error = NULL, next_attempt_at = NULL
            WHERE client_id = @Metadata AND (mid IS NULL OR mid = @Mid)
            RETURNING id, automation, author_user_id
            """;
        const string InsertOther = """
            INSERT INTO messages (conversation_id, mid, direction, text, attachments, sent_at, source_app_id, status, imported)
            VALUES (@ConversationId, @Mid, 'out', @Text, @Attachments, @SentAt, @AppId, 'sent', @Imported)
            ON CONFLICT (mid) DO NOTHING
            RETURNING id
            """;
        var conversationId = await ConversationForAsync(context, echo);
        var preview = MessagePreview.For(echo.Text, echo.Attachments);
        if (echo.Metadata is not null &&
            await context.Connection.QuerySingleOrDefaultAsync<(long Id, string? Automation, long? AuthorUserId)?>(context.Command(MatchOwn, new { echo.Mid, SentAt = echo.Timestamp, echo.Metadata })) is { } own)
        {
            await ConversationActivity.RecordPageMessageAsync(
                context.Connection, context.Transaction, conversationId, own.Id, echo.Timestamp, preview, own.AuthorUserId, own.Automation, null, context.CancellationToken);
            return new InboxChange(conversationId, InboxChangeKind.MessageUpdated, own.Id);
        }
        var messageId = await context.Connection.QuerySingleOrDefaultAsync<long?>(context.Command(InsertOther, new
        {
            ConversationId = conversationId,
            echo.Mid,
            echo.Text,
            Attachments = AttachmentJson.Write(echo.Attachments),
            SentAt = echo.Timestamp,
            echo.AppId,
            Imported = context.Scope.Imported ? 1 : 0,
        }));
        if (messageId is null)
        {
            return null;
        }
        await ConversationActivity.RecordPageMessageAsync(
            context.Connection, context.Transaction, conversationId, messageId.Value, echo.Timestamp, preview, null, null, echo.AppId, context.CancellationToken);
        return new InboxChange(conversationId, InboxChangeKind.MessageAdded, messageId);
    }

    private static async Task<InboxChange?> ApplyWatermarkAsync(Context context, PlatformEvent watermarkEvent, DateTimeOffset watermark, bool read)
    {
        const string FindConversation = """
            SELECT c.id FROM conversations c JOIN contacts p ON p.id = c.contact_id
            WHERE p.page_id = @PageId AND p.psid = @Psid
            """;
        const string Delivered = """
            UPDATE messages SET delivered_at = @Watermark
            WHERE conversation_id = @ConversationId AND direction = 'out' AND status = 'sent' AND delivered_at IS NULL AND sent_at <= @Watermark
            """;
        const string Read = """
            UPDATE messages SET read_at = @Watermark, delivered_at = COALESCE(delivered_at, @Watermark)
            WHERE conversation_id = @ConversationId AND direction = 'out' AND status = 'sent' AND read_at IS NULL AND sent_at <= @Watermark
            """;
        // Kept for the conversation to come: the receipt overtook the message it covers (deliveries are not ordered).
        const string KeepEarly = """
            INSERT INTO early_receipts (page_id, psid, delivered_watermark, read_watermark) VALUES (@PageId, @Psid, @Watermark, @ReadWatermark)
            ON CONFLICT (page_id, psid) DO UPDATE SET
                delivered_watermark = CASE WHEN early_receipts.delivered_watermark IS NULL OR excluded.delivered_watermark > early_receipts.delivered_watermark
                    THEN excluded.delivered_watermark ELSE early_receipts.delivered_watermark END,
                read_watermark = CASE WHEN excluded.read_watermark IS NOT NULL AND (early_receipts.read_watermark IS NULL OR excluded.read_watermark > early_receipts.read_watermark)
                    THEN excluded.read_watermark ELSE early_receipts.read_watermark END
            """;
        var conversationId = await context.Connection.QuerySingleOrDefaultAsync<long?>(context.Command(FindConversation, new { watermarkEvent.PageId, watermarkEvent.Psid }));
        if (conversationId is null)
        {
            await context.Connection.ExecuteAsync(context.Command(KeepEarly, new
            {
                watermarkEvent.PageId,
                watermarkEvent.Psid,
                Watermark = watermark,
                ReadWatermark = read ? watermark : (DateTimeOffset?)null,
            }));
            return null;
        }
        await RememberWatermarksAsync(context, conversationId.Value, watermark, read ? watermark : null);
        var changed = await context.Connection.ExecuteAsync(context.Command(read ? Read : Delivered, new { ConversationId = conversationId, Watermark = watermark }));
        return changed == 0 ? null : new InboxChange(conversationId.Value, InboxChangeKind.MessageUpdated);
    }

    // Remembered, so a Page message that reaches us after its receipt still gets its ticks.
    private static Task<int> RememberWatermarksAsync(Context context, long conversationId, DateTimeOffset? delivered, DateTimeOffset? read)
    {
        const string Remember = """
            UPDATE conversations SET
                delivered_watermark = CASE WHEN @Delivered IS NOT NULL AND (delivered_watermark IS NULL OR @Delivered > delivered_watermark) THEN @Delivered ELSE delivered_watermark END,
                read_watermark = CASE WHEN @Read IS NOT NULL AND (read_watermark IS NULL OR @Read > read_watermark) THEN @Read ELSE read_watermark END
            WHERE id = @ConversationId
            """;
        // As Unix milliseconds: Dapper leaves a null time untyped, and PostgreSQL cannot tell what "@Read IS NOT NULL" compares.
        return context.Connection.ExecuteAsync(context.Command(Remember, new
        {
            ConversationId = conversationId,
            Delivered = delivered?.ToUnixTimeMilliseconds(),
            Read = read?.ToUnixTimeMilliseconds(),
        }));
    }

    private async Task<InboxChange?> ApplyReferralAsync(Context context, PlatformEvent platformEvent, Referral referral)
    {
        var conversationId = await ConversationForAsync(context, platformEvent);
        return await MessageEventApplier.ApplyReferralAsync(context.Connection, context.Transaction, conversationId, referral, platformEvent.Timestamp, context.CancellationToken);
    }

    private async Task<long> ConversationForAsync(Context context, PlatformEvent platformEvent)
    {
        var key = (platformEvent.PageId, platformEvent.Psid);
        if (_conversations.TryGetValue(key, out var known) || context.Scope.Learned.TryGetValue(key, out known))
        {
            return known;
        }
        // One round trip for a person not seen before (on PostgreSQL each statement is one; a new customer's first
        // message used to cost three here). DO UPDATE with an unchanged value makes RETURNING give the existing row's
        // id too. Receipts that came before the conversation existed move onto it.
        const string Sql = """
            INSERT INTO contacts (page_id, psid, created_at) VALUES (@PageId, @Psid, @Now)
            ON CONFLICT (page_id, psid) DO UPDATE SET psid = excluded.psid
            RETURNING id;
            INSERT INTO conversations (page_id, contact_id, last_message_at, created_at)
            SELECT @PageId, id, @At, @Now FROM contacts WHERE page_id = @PageId AND psid = @Psid
            ON CONFLICT (contact_id) DO UPDATE SET contact_id = excluded.contact_id
            RETURNING id;
            DELETE FROM early_receipts WHERE page_id = @PageId AND psid = @Psid RETURNING delivered_watermark, read_watermark;
            """;
        long conversationId;
        (DateTimeOffset? Delivered, DateTimeOffset? Read)? early;
        await using (var results = await context.Connection.QueryMultipleAsync(context.Command(Sql, new { platformEvent.PageId, platformEvent.Psid, At = platformEvent.Timestamp, Now = time.GetUtcNow() })))
        {
            // Every statement of a batch returns rows on both databases; the contact's id itself is not needed.
            await results.ReadSingleAsync<long>();
            conversationId = await results.ReadSingleAsync<long>();
            early = await results.ReadSingleOrDefaultAsync<(DateTimeOffset? Delivered, DateTimeOffset? Read)?>();
        }
        if (early is { } receipts)
        {
            await RememberWatermarksAsync(context, conversationId, receipts.Delivered, receipts.Read);
        }
        context.Scope.Learned[key] = conversationId;
        return conversationId;
    }

    private sealed record Context(DbConnection Connection, DbTransaction Transaction, Scope Scope, CancellationToken CancellationToken)
    {
        public CommandDefinition Command(string sql, object parameters) => new(sql, parameters, Transaction, cancellationToken: CancellationToken);
    }
}
