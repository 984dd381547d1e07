using Inbox.Core.Conversations;
using Inbox.Core.Pages;

namespace Inbox.Web.Endpoints;

// What the REST API answers, in the shape documented in README.md and /api/v1/openapi.json.
public static partial class ApiEndpoints
{
    public sealed record MeResponse(long Id, string Email, string Name, string Role);

    /// <summary>A connected Page, never with its token; <c>policyNotice</c> is Meta's latest block or restriction.</summary>
    public sealed record PageResponse(string Id, string Name, string TimeZone, bool Connected, PolicyNoticeResponse? PolicyNotice)
    {
        public static PageResponse From(FacebookPage p) => new(p.Id, p.Name, p.TimeZone, p.HasAccessToken, PolicyNoticeResponse.From(p));
    }

    /// <summary>Meta's policy-enforcement notice: <c>action</c> "block", "unblock"...</summary>
    public sealed record PolicyNoticeResponse(string Action, string? Reason, DateTimeOffset At)
    {
        public static PolicyNoticeResponse? From(FacebookPage? page) =>
            page is { PolicyAction: { } action, PolicyNoticeAt: { } at } ? new(action, page.PolicyReason, at) : null;
    }

    /// <summary>How the person came: <c>source</c> as Meta names it (ADS, SHORTLINK, MESSENGER_CODE, CUSTOMER_CHAT_PLUGIN...).</summary>
    public sealed record ReferralResponse(
        string Source, string? Type, string? Ref, string? AdId, string? AdTitle, string? Picture, string? VideoUrl, string? PostId, string? RefererUri, DateTimeOffset At)
    {
        public static ReferralResponse From(ConversationReferral r) =>
            new(r.Source, r.Type, r.Ref, r.AdId, r.AdTitle, r.PhotoUrl, r.VideoUrl, r.PostId, r.RefererUri, r.OccurredAt);
    }

    /// <summary>What the person agreed to receive: <c>topic</c> for notification messages, <c>payload</c> the Page's ref.</summary>
    public sealed record OptInResponse(string Type, string? Topic, string? Payload, string? Frequency, string? Status, DateTimeOffset? ExpiresAt, DateTimeOffset At)
    {
        public static OptInResponse From(ConversationOptIn o) => new(o.Type, o.Topic, o.Payload, o.Frequency, o.Status, o.ExpiresAt, o.OccurredAt);
    }

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit, int? NextOffset);

    public sealed record ReplyRequest(string? Text);

    public sealed record ConversationResponse(
        long Id, string PageId, string ContactPsid, string ContactName, string? ContactPictureUrl, DateTimeOffset LastMessageAt,
        string LastMessagePreview, string LastMessageDirection, DateTimeOffset? WaitingSince, int UnreadCount, string? Origin, string? ThreadOwnerAppId,
        string Status, DateTimeOffset? SnoozedUntil, long? AssigneeUserId, string? AssigneeName)
    {
        public static ConversationResponse From(ConversationSummary c) => new(
            c.Id, c.PageId, c.Psid, c.DisplayName, c.ContactPictureUrl, c.LastMessageAt, c.LastMessagePreview,
            c.LastMessageDirection.ToString().ToLowerInvariant(), c.WaitingSince, c.UnreadCount, c.Origin, c.ThreadOwnerAppId,
            ConversationWorkflow.Name(c.Status), c.SnoozedUntil, c.AssigneeUserId, c.AssigneeName);
    }

    public sealed record StatusRequest(string? Status, DateTimeOffset? SnoozedUntil);

    public sealed record AssignRequest(long? UserId);

    public sealed record ConversationWithMessages(
        ConversationResponse Conversation, IReadOnlyList<MessageResponse> Messages, IReadOnlyList<ReferralResponse> Referrals,
        IReadOnlyList<OptInResponse> OptIns, PolicyNoticeResponse? PagePolicyNotice);

    public sealed record MessageResponse(
        long Id, string? Mid, string Direction, string? Text, IReadOnlyList<Inbox.Core.Meta.Attachment> Attachments, string? QuickReplyPayload,
        DateTimeOffset SentAt, string? AuthorName, string Status, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt, string? Error,
        string? ErrorCode, string? PostbackPayload, string? ReplyToMid, string? Reaction, bool Edited, string? OriginalText)
    {
        public static MessageResponse From(Message m) => new(
            m.Id, m.Mid, m.Direction.ToString().ToLowerInvariant(), m.CurrentText, m.Attachments, m.QuickReplyPayload, m.SentAt, m.AuthorName,
            m.Status.ToString().ToLowerInvariant(), m.DeliveredAt, m.ReadAt, m.Error,
            m.ErrorCode, m.PostbackPayload, m.ReplyToMid, m.Reaction, m.IsEdited, m.IsEdited ? m.Text : null);
    }
}
