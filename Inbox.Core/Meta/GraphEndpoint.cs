namespace Inbox.Core.Meta;

/// <summary>Where the Graph API is: resolved lazily, because the sandbox lives at this app's own address.</summary>
/// <param name="ready">Completes once the Graph API can be called; the sandbox's, once this app's server listens.</param>
public sealed class GraphEndpoint(Func<string> baseUrl, string version, Func<CancellationToken, Task>? ready = null)
{
    public const string MetaGraphUrl = "https://graph.facebook.com";

    /// <summary>
    /// Waits until a call can reach the Graph API. Workers start before the server listens: a call to the sandbox made
    /// then was refused, and the refusals opened the Graph circuit or put a token check off for ten minutes.
    /// </summary>
    public Task ReadyAsync(CancellationToken cancellationToken) => ready?.Invoke(cancellationToken) ?? Task.CompletedTask;

    /// <summary>The full address of a Graph path; throws <see cref="HttpRequestException"/> when the base cannot be known yet.</summary>
    public Uri Url(string path)
    {
        string root;
        try
        {
            root = baseUrl();
        }
        catch (InvalidOperationException exception)
        {
            throw new HttpRequestException($"The Graph API address is not known: {exception.Message}", exception);
        }
        return new Uri($"{root.TrimEnd('/')}/{version}/{path}");
    }
}
