namespace Inbox.Core.Meta;

/// <summary>Where the Graph API is: resolved lazily, because the sandbox lives at this app's own address.</summary>
public sealed class GraphEndpoint(Func<string> baseUrl, string version)
{
    public const string MetaGraphUrl = "https://graph.facebook.com";

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
