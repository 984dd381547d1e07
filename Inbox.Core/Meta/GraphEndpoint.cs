namespace Inbox.Core.Meta;

/// <summary>Where the Graph API is: resolved lazily, because the sandbox lives at this app's own address.</summary>
public sealed class GraphEndpoint(Func<string> baseUrl, string version)
{
    public const string MetaGraphUrl = "https://graph.facebook.com";

    public Uri Url(string path) => new($"{baseUrl().TrimEnd('/')}/{version}/{path}");
}
