namespace Inbox.Core.Comments;

/// <summary>Wakes the comment worker: a post to fetch, a comment to hide.</summary>
public sealed class CommentSignal : WakeSignal;
