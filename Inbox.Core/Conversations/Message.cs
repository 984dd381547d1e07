using Inbox.Core.Meta;

namespace Inbox.Core.Conversations;

public enum MessageDirection
{
    In,
    Out,
}

public enum MessageStatus
{
    /// <summary>From the customer.</summary>
    Received,
    /// <summary>An agent's reply waiting to be accepted by Meta.</summary>
    Pending,
    Sent,
    Failed,
}

public sealed record Message
{
    public long Id { get; init; }
    public long ConversationId { get; init; }
    public string? Mid { get; init; }
    public string? ClientId { get; init; }
    public MessageDirection Direction { get; init; }
    public string? Text { get; init; }
    public string? AttachmentsJson { get; init; }
    public string? QuickReplyPayload { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public long? AuthorUserId { get; init; }
    public string? AuthorName { get; init; }
    public string? SourceAppId { get; init; }
    public MessageStatus Status { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
    public string? Error { get; init; }

    /// <summary>Set when a machine wrote it: instant_reply, away_message or faq.</summary>
    public string? Automation { get; init; }

    /// <summary>Buttons sent with a reply.</summary>
    public string? QuickRepliesJson { get; init; }

    /// <summary>Meta's code (and subcode) when a reply failed, e.g. "10/2018278"; decides what the agent is offered.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>For a button press: its payload (the text is the button's title).</summary>
    public string? PostbackPayload { get; init; }

    /// <summary>The customer's reaction to this message, if any.</summary>
    public string? Reaction { get; init; }

    /// <summary>The newest text after the person edited the message; <see cref="Text"/> keeps the original.</summary>
    public string? EditedText { get; init; }

    public string? ReplyToMid { get; init; }

    /// <summary>For a private reply: the comment it answers.</summary>
    public string? CommentId { get; init; }

    /// <summary>The text of that comment.</summary>
    public string? CommentText { get; init; }
    public long? QuotedMessageId { get; init; }
    public string? QuotedText { get; init; }

    public bool IsEdited => EditedText is not null;

    public string? CurrentText => EditedText ?? Text;

    public IReadOnlyList<Attachment> Attachments => AttachmentJson.Read(AttachmentsJson);
}

/// <summary>The latest messages of a conversation, oldest first, and whether it has earlier ones.</summary>
public sealed record MessagePage(IReadOnlyList<Message> Messages, bool HasEarlier);
