using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Inbox.Core.Storage;

/// <summary>The migrations shipped in Storage/Migrations as <c>NNNN_name.sql</c> embedded resources.</summary>
public static partial class EmbeddedMigrations
{
    private static readonly Lazy<IReadOnlyList<Migration>> s_all = new(Load);

    public static IReadOnlyList<Migration> All => s_all.Value;

    private static List<Migration> Load()
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }
        return [.. migrations.OrderBy(m => m.Version)];
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();
}
