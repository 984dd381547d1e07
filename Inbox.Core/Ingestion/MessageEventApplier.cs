using System.Data.Common;
using Dapper;
using Inbox.Core.Conversations;
using Inbox.Core.Live;
using Inbox.Core.Meta;

namespace Inbox.Core.Ingestion;

/// <summary>
/// Applies the events around messages: referrals, reactions, edits, opt-ins, thread control and watermarks. Each is
/// idempotent and decided by Meta's timestamps, so duplicates and deliveries out of order give the same result.
/// </summary>
internal static class MessageEventApplier
{
    public static async Task<InboxChange?> ApplyReferralAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, Referral referral, DateTimeOffset at, CancellationToken cancellationToken)
    {
        const string Insert = """
            INSERT INTO referrals (conversation_id, source, type, ref, ad_id, ad_title, photo_url, video_url, post_id, referer_uri, occurred_at)
            VALUES (@ConversationId, @Source, @Type, @Ref, @AdId, @AdTitle, @PhotoUrl, @VideoUrl, @PostId, @RefererUri, @At)
            ON CONFLICT (conversation_id, occurred_at, source) DO NOTHING
            RETURNING id
            """;
        // The origin is the latest referral's source; a late, older one only joins the list.
        const string Origin = """
            UPDATE conversations SET
                origin = @Source,
                last_message_preview = CASE WHEN last_message_preview = '' THEN @Preview ELSE last_message_preview END
            WHERE id = @ConversationId AND NOT EXISTS (SELECT 1 FROM referrals WHERE conversation_id = @ConversationId AND occurred_at > @At)
            """;
        var parameters = new
        {
            ConversationId = conversationId,
            referral.Source,
            referral.Type,
            referral.Ref,
            referral.AdId,
            referral.AdTitle,
            referral.PhotoUrl,
            referral.VideoUrl,
            referral.PostId,
            referral.RefererUri,
            At = at,
            Preview = MessagePreview.CameFrom(referral.Source),
        };
        if (await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Insert, parameters, transaction, cancellationToken: cancellationToken)) is null)
        {
            return null;
        }
        await connection.ExecuteAsync(new CommandDefinition(Origin, parameters, transaction, cancellationToken: cancellationToken));
        return new InboxChange(conversationId, InboxChangeKind.ConversationUpdated);
    }

    public static async Task<InboxChange?> ApplyReactionAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, MessageReacted reaction, CancellationToken cancellationToken)
    {
        // Only a later event replaces the reaction: a "react" that arrives after its "unreact" changes nothing.
        const string Upsert = """
            INSERT INTO message_reactions (mid, emoji, reaction, reacted_at) VALUES (@Mid, @Emoji, @Reaction, @At)
            ON CONFLICT (mid) DO UPDATE SET emoji = excluded.emoji, reaction = excluded.reaction, reacted_at = excluded.reacted_at
            WHERE excluded.reacted_at > message_reactions.reacted_at
            """;
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            Upsert, new { reaction.Mid, reaction.Emoji, reaction.Reaction, At = reaction.Timestamp }, transaction, cancellationToken: cancellationToken));
        // A reaction opens Messenger's standard window as a message does.
        await OpenWindowAsync(connection, transaction, conversationId, reaction.Timestamp, cancellationToken);
        return changed == 0 ? null : await MessageChangeAsync(connection, transaction, conversationId, reaction.Mid, cancellationToken);
    }

    public static async Task<InboxChange?> ApplyEditAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, MessageEdited edit, CancellationToken cancellationToken)
    {
        const string Insert = """
            INSERT INTO message_edits (mid, num_edit, text, edited_at) VALUES (@Mid, @EditNumber, @Text, @At)
            ON CONFLICT (mid, num_edit) DO NOTHING
            """;
        // The list shows the newest text of the last message; an older edit arriving late does not replace a newer one.
        const string Preview = """
            UPDATE conversations SET last_message_preview = @Text
            WHERE id = @ConversationId
              AND last_message_at = (SELECT sent_at FROM messages WHERE mid = @Mid)
              AND NOT EXISTS (SELECT 1 FROM message_edits WHERE mid = @Mid AND num_edit > @EditNumber)
            """;
        var parameters = new { ConversationId = conversationId, edit.Mid, edit.EditNumber, edit.Text, At = edit.Timestamp };
        if (await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }
        await connection.ExecuteAsync(new CommandDefinition(Preview, parameters, transaction, cancellationToken: cancellationToken));
        return await MessageChangeAsync(connection, transaction, conversationId, edit.Mid, cancellationToken);
    }

    public static async Task<InboxChange?> ApplyThreadControlAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, ThreadControlChanged control, CancellationToken cancellationToken)
    {
        var kind = control.Action switch
        {
            ThreadControlAction.Passed => ConversationEventKinds.ThreadPassed,
            ThreadControlAction.Taken => ConversationEventKinds.ThreadTaken,
            _ => ConversationEventKinds.ThreadRequested,
        };
        // Taken without a new owner means the Page's primary receiver took it.
        var owner = control.NewOwnerAppId ?? (control.Action == ThreadControlAction.Taken ? ThreadOwner.PrimaryReceiver : null);
        if (await RecordAsync(connection, transaction, conversationId, kind, owner, control.Timestamp, cancellationToken) is null)
        {
            return null;
        }
        if (control.Action != ThreadControlAction.Requested)
        {
            // Ownership follows the latest pass or take by Meta's time, whatever order they arrive in.
            const string Owner = """
                UPDATE conversations SET thread_owner_app_id = @Owner
                WHERE id = @ConversationId AND NOT EXISTS (
                    SELECT 1 FROM conversation_events WHERE conversation_id = @ConversationId AND kind IN ('thread_passed', 'thread_taken') AND occurred_at > @At)
                """;
            await connection.ExecuteAsync(new CommandDefinition(Owner, new { ConversationId = conversationId, Owner = owner, At = control.Timestamp }, transaction, cancellationToken: cancellationToken));
        }
        return new InboxChange(conversationId, InboxChangeKind.ConversationUpdated);
    }

    public static async Task<InboxChange?> ApplyAppRolesAsync(DbConnection connection, DbTransaction transaction, AppRolesChanged roles, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pages SET primary_receiver_app_id = @App WHERE id = @PageId", new { App = roles.PrimaryReceiverAppId, roles.PageId }, transaction, cancellationToken: cancellationToken));
        return null;
    }

    public static async Task<InboxChange?> ApplyOptInAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, OptedIn optin, CancellationToken cancellationToken)
    {
        const string Insert = """
            INSERT INTO opt_ins (conversation_id, type, topic, payload, frequency, status, expires_at, occurred_at)
            VALUES (@ConversationId, @Type, @Title, @Payload, @Frequency, @Status, @ExpiresAt, @At)
            ON CONFLICT (conversation_id, occurred_at, type) DO NOTHING
            """;
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            ConversationId = conversationId,
            optin.Type,
            optin.Title,
            optin.Payload,
            optin.Frequency,
            optin.Status,
            optin.ExpiresAt,
            At = optin.Timestamp,
        }, transaction, cancellationToken: cancellationToken));
        // And a line in the thread, where the team reads it.
        return await RecordAsync(connection, transaction, conversationId, "optin", optin.Title ?? optin.Type, optin.Timestamp, cancellationToken);
    }

    public static async Task<InboxChange?> ApplyPolicyNoticeAsync(DbConnection connection, DbTransaction transaction, PolicyNoticeReceived notice, CancellationToken cancellationToken)
    {
        const string Insert = """
            INSERT INTO page_policy_notices (page_id, action, reason, occurred_at) VALUES (@PageId, @Action, @Reason, @At)
            ON CONFLICT (page_id, occurred_at, action) DO NOTHING
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            Insert, new { notice.PageId, notice.Action, notice.Reason, At = notice.Timestamp }, transaction, cancellationToken: cancellationToken));
        return null;
    }

    /// <summary>Adds a line to the conversation's history (once per kind and Meta timestamp).</summary>
    public static async Task<InboxChange?> RecordAsync(
        DbConnection connection, DbTransaction transaction, long conversationId, string kind, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        const string Insert = """
            INSERT INTO conversation_events (conversation_id, kind, detail, occurred_at) VALUES (@ConversationId, @Kind, @Detail, @At)
            ON CONFLICT (conversation_id, kind, occurred_at) DO NOTHING
            """;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Insert, new { ConversationId = conversationId, Kind = kind, Detail = detail, At = at }, transaction, cancellationToken: cancellationToken));
        return inserted == 0 ? null : new InboxChange(conversationId, InboxChangeKind.ConversationUpdated);
    }

    /// <summary>A Page message that arrives after a delivery or read receipt covering it gets its ticks at once.</summary>
    public static Task ApplyKnownWatermarksAsync(DbConnection connection, DbTransaction? transaction, long messageId, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE messages SET
                read_at = COALESCE(read_at, (
                    SELECT c.read_watermark FROM conversations c WHERE c.id = messages.conversation_id AND c.read_watermark >= messages.sent_at)),
                -- A read receipt moves the delivery watermark too, so it is never behind the read one.
                delivered_at = COALESCE(delivered_at, (
                    SELECT c.delivered_watermark FROM conversations c WHERE c.id = messages.conversation_id AND c.delivered_watermark >= messages.sent_at))
            WHERE id = @Id AND direction = 'out' AND status = 'sent'
            """;
        return connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = messageId }, transaction, cancellationToken: cancellationToken));
    }

    private static Task<int> OpenWindowAsync(DbConnection connection, DbTransaction transaction, long conversationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET last_customer_message_at = @At WHERE id = @Id AND (last_customer_message_at IS NULL OR last_customer_message_at < @At)",
            new { Id = conversationId, At = at }, transaction, cancellationToken: cancellationToken));

    private static async Task<InboxChange> MessageChangeAsync(DbConnection connection, DbTransaction transaction, long conversationId, string mid, CancellationToken cancellationToken)
    {
        var messageId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM messages WHERE mid = @Mid", new { Mid = mid }, transaction, cancellationToken: cancellationToken));
        return new InboxChange(conversationId, InboxChangeKind.MessageUpdated, messageId);
    }
}
