using Inbox.Core.Conversations;

namespace Inbox.Web.Features.Inbox;

/// <summary>One line of a thread: a message, a teammate's note, a conversation event or a referral.</summary>
public sealed record TimelineItem(DateTimeOffset At, Message? Message = null, ConversationEvent? Event = null, ConversationReferral? Referral = null, Note? Note = null);

public static class ThreadTimeline
{
    /// <summary>
    /// Messages, referrals, events and notes in Meta's time order. A referral comes before the message it arrived with;
    /// the sort is stable, so messages keep their stored order. When only the latest messages are shown, what came
    /// before the first of them waits with them for "Show earlier messages".
    /// </summary>
    public static IEnumerable<TimelineItem> Of(MessagePage page, IEnumerable<ConversationEvent> events, IEnumerable<ConversationReferral> referrals, IEnumerable<Note> notes)
    {
        var from = page.HasEarlier && page.Messages.Count > 0 ? page.Messages[0].SentAt : DateTimeOffset.MinValue;
        return referrals.Select(r => new TimelineItem(r.OccurredAt, Referral: r))
            .Concat(events.Select(e => new TimelineItem(e.OccurredAt, Event: e)))
            .Concat(page.Messages.Select(m => new TimelineItem(m.SentAt, Message: m)))
            .Concat(notes.Select(n => new TimelineItem(n.CreatedAt, Note: n)))
            .Where(item => item.At >= from)
            .OrderBy(item => item.At);
    }
}
