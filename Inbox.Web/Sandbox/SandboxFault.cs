using System.Text.Json.Nodes;

namespace Inbox.Web.Sandbox;

/// <summary>How the sandbox misbehaves on one call, for fault tests.</summary>
public enum SandboxFaultKind
{
    /// <summary>Meta's error body for <see cref="SandboxFault.Code"/>: Meta handled the call and refused it.</summary>
    MetaError,

    /// <summary>No answer for <see cref="SandboxFault.Delay"/>; nothing is sent.</summary>
    Hang,

    /// <summary>The message is sent (and echoed), but the answer comes only after <see cref="SandboxFault.Delay"/>.</summary>
    AcceptThenHang,

    /// <summary>The message is sent (and echoed), and the answer is 200 with a body that is not JSON.</summary>
    AcceptUnreadable,

    /// <summary>503 with Retry-After (seconds in <see cref="SandboxFault.Code"/>) and no body, as a gateway answers; nothing is sent.</summary>
    Unavailable,

    /// <summary>502 with no body, as a gateway answers when Meta dropped the call; nothing is sent.</summary>
    BadGateway,
}

/// <summary>An error the sandbox answers the next send with, worded and shaped as Meta's, or a way of failing that is not Meta's.</summary>
public sealed record SandboxFault(int Code, int? Subcode, int? RegainAccessMinutes, SandboxFaultKind Kind = SandboxFaultKind.MetaError)
{
    public TimeSpan Delay { get; init; }

    /// <summary>Whether the sandbox sends the message before misbehaving.</summary>
    public bool Accepts => Kind is SandboxFaultKind.AcceptThenHang or SandboxFaultKind.AcceptUnreadable;

    /// <summary>The answer for a fault that does not send, after its delay.</summary>
    public async Task<SandboxGraph.Answer> RefuseAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Delay, cancellationToken);
        return Kind switch
        {
            SandboxFaultKind.Unavailable => new SandboxGraph.Answer(503, []) { Raw = "", Headers = new Dictionary<string, string> { ["Retry-After"] = $"{Code}" } },
            SandboxFaultKind.BadGateway => new SandboxGraph.Answer(502, []) { Raw = "<html>Bad gateway</html>" },
            _ => Answer(),
        };
    }

    public SandboxGraph.Answer Answer()
    {
        var message = (Code, Subcode) switch
        {
            (10, 2018278) => "(#10) This message is sent outside of allowed window.",
            (10, 2018108) => "(#10) This person isn't receiving messages from you right now.",
            (551, _) => "(#551) This person isn't available right now.",
            (200, 1545041) => "(#200) This person isn't available right now.",
            (100, 2018001) => "(#100) No matching user found",
            (190, _) => "Error validating access token: Session has expired.",
            (4 or 17 or 32 or 613 or 80001, _) => $"(#{Code}) Application request limit reached",
            (1200, _) => "(#1200) Temporary send message failure. Please try again later",
            _ => $"(#{Code}) Injected sandbox fault",
        };
        var answer = SandboxGraph.Error(Code is 1200 or 2 ? 500 : 400, Code, Subcode, message, "OAuthException");
        if (RegainAccessMinutes is not { } minutes)
        {
            return answer;
        }
        var usage = new JsonObject
        {
            ["104857600000001"] = new JsonArray(new JsonObject
            {
                ["type"] = "messenger",
                ["call_count"] = 100,
                ["total_cputime"] = 20,
                ["total_time"] = 25,
                ["estimated_time_to_regain_access"] = minutes,
            }),
        };
        return answer with { Headers = new Dictionary<string, string> { [Inbox.Core.Meta.BusinessUseCaseUsage.HeaderName] = usage.ToJsonString() } };
    }
}
