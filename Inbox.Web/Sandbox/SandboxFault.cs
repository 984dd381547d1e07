using System.Text.Json.Nodes;

namespace Inbox.Web.Sandbox;

/// <summary>An error the sandbox answers the next send with, worded and shaped as Meta's.</summary>
public sealed record SandboxFault(int Code, int? Subcode, int? RegainAccessMinutes)
{
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
