using Inbox.Core;

namespace Inbox.Web.Cli;

/// <summary>A verb (one or two words) followed by <c>--name value</c> options.</summary>
public sealed record CommandArguments(string Verb, IReadOnlyDictionary<string, string> Options)
{
    private static readonly HashSet<string> s_twoWordVerbs = ["user", "token", "page"];

    public static CommandArguments Parse(string[] args)
    {
        var words = (s_twoWordVerbs.Contains(args[0]) && args.Length > 1) || (args[0] == "bench" && args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal)) ? 2 : 1;
        var verb = string.Join(' ', args.Take(words));
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = words; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new UserInputException($"Expected '--option value' but found '{args[i]}'.");
            }
            options[args[i][2..]] = args[++i];
        }
        return new CommandArguments(verb, options);
    }

    public string Required(string name) =>
        Options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new UserInputException($"'{Verb}' needs --{name}.");
}
