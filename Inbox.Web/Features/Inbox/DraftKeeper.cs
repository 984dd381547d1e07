using Inbox.Core.Conversations;

namespace Inbox.Web.Features.Inbox;

/// <summary>
/// Keeps one composer's text as its author's draft for its conversation, half a second after the last change: a
/// reconnect, a reload or a restart then loses at most that much, and the database is not written on every key.
/// </summary>
public sealed class DraftKeeper(DraftStore drafts, TimeProvider time, long userId, long conversationId)
{
    private static readonly TimeSpan s_pause = TimeSpan.FromMilliseconds(500);
    private int _version;

    public Task<Draft?> LoadAsync(CancellationToken cancellationToken) => drafts.GetAsync(userId, conversationId, cancellationToken);

    /// <summary>Saves <paramref name="draft"/> unless another change comes within the pause.</summary>
    public async Task KeepAsync(Draft draft, CancellationToken cancellationToken)
    {
        var version = Interlocked.Increment(ref _version);
        await Task.Delay(s_pause, time, cancellationToken);
        if (version == Volatile.Read(ref _version))
        {
            await drafts.SaveAsync(userId, conversationId, draft, cancellationToken);
        }
    }

    /// <summary>The text was sent: the draft goes at once, and a save still waiting is dropped.</summary>
    public Task ForgetAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _version);
        return drafts.SaveAsync(userId, conversationId, new Draft(), cancellationToken);
    }
}
