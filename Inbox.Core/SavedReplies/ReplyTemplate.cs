using System.Text.RegularExpressions;

namespace Inbox.Core.SavedReplies;

/// <summary>
/// Fills <c>{first_name}</c>, <c>{last_name}</c>, <c>{page_name}</c> and <c>{agent_name}</c> in a saved reply. A variable
/// without a value, or one that does not exist, stays visible as written, so the agent sees the gap before
/// sending instead of the customer reading "Hi ,".
/// </summary>
public static partial class ReplyTemplate
{
    public static readonly IReadOnlyList<string> Variables = ["first_name", "last_name", "page_name", "agent_name"];

    public sealed record Values(string? FirstName, string? LastName, string? PageName, string? AgentName)
    {
        /// <summary>Splits a contact's full name at its first space, as Messenger profiles give first and last names.</summary>
        public static Values For(string? contactName, string? pageName, string? agentName)
        {
            var name = contactName?.Trim();
            var space = name?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
            return new Values(space < 0 ? name : name![..space], space < 0 ? null : name![(space + 1)..], pageName, agentName);
        }
    }

    /// <summary>For a machine's message nobody reviews: a variable without a value is left out, not shown.</summary>
    public static string FillForAutomation(string body, Values values) =>
        Spaces().Replace(Variable().Replace(Fill(body, values), match => Variables.Contains(match.Groups[1].Value) ? "" : match.Value), " ")
            .Replace(" ,", ",", StringComparison.Ordinal).Replace(" !", "!", StringComparison.Ordinal).Trim();

    public static string Fill(string body, Values values) => Variable().Replace(body, match =>
    {
        var value = match.Groups[1].Value switch
        {
            "first_name" => values.FirstName,
            "last_name" => values.LastName,
            "page_name" => values.PageName,
            "agent_name" => values.AgentName,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(value) ? match.Value : value;
    });

    /// <summary>Names in braces that are not variables, for a warning when a reply is saved.</summary>
    public static IReadOnlyList<string> UnknownVariables(string body) =>
        [.. Variable().Matches(body).Select(m => m.Groups[1].Value).Where(name => !Variables.Contains(name)).Distinct()];

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Variable();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
