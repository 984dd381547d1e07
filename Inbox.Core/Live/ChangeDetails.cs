using System.Runtime.CompilerServices;
using Inbox.Core.Conversations;

namespace Inbox.Core.Live;

/// <summary>
/// What a change is about, read once per node however many tabs ask (issue #18): every tab on a node receives the
/// same <see cref="InboxChange"/> instance, so the first tab's read is kept with that instance and handed to the rest;
/// it goes when the change is collected. A tab that leaves stops waiting; the read itself finishes for the others.
/// </summary>
public sealed class ChangeDetails(ConversationStore conversations, NoteStore notes) : IDisposable
{
    private readonly ConditionalWeakTable<InboxChange, Task<ConversationSummary?>> _conversations = [];
    private readonly ConditionalWeakTable<InboxChange, Task<IReadOnlyList<long>>> _mentioned = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The conversation as it stood just after the change.</summary>
    public Task<ConversationSummary?> ConversationAsync(InboxChange change, CancellationToken cancellationToken) =>
        _conversations.GetValue(change, c => conversations.GetAsync(c.ConversationId, _stopping.Token)).WaitAsync(cancellationToken);

    /// <summary>Who the note a <see cref="InboxChangeKind.NoteAdded"/> change announces mentions.</summary>
    public Task<IReadOnlyList<long>> MentionedAsync(InboxChange change, CancellationToken cancellationToken) =>
        change is { Kind: InboxChangeKind.NoteAdded, MessageId: { } noteId }
            ? _mentioned.GetValue(change, _ => notes.MentionedInAsync(noteId, _stopping.Token)).WaitAsync(cancellationToken)
            : Task.FromResult<IReadOnlyList<long>>([]);

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
