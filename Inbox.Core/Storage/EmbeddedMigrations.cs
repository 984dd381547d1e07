using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Inbox.Core.Storage;

/// <summary>
/// The migrations shipped in Storage/Migrations as <c>NNNN_name.sql</c> embedded resources, written in the SQL both
/// databases share. Where a step cannot be (triggers, full-text search), <c>NNNN_name.postgres.sql</c> beside it is
/// PostgreSQL's version of the same step: one list of versions, and a test keeps the two schemas alike.
/// </summary>
public static partial class EmbeddedMigrations
{
    private static readonly Lazy<IReadOnlyList<Migration>> s_all = new(() => Load(dialect: null));
    private static readonly Lazy<IReadOnlyList<Migration>> s_postgres = new(() => Load("postgres"));

    /// <summary>The shared scripts (SQLite's).</summary>
    public static IReadOnlyList<Migration> All => s_all.Value;

    public static IReadOnlyList<Migration> For(SqlDialect dialect) => dialect is PostgresDialect ? s_postgres.Value : All;

    private static List<Migration> Load(string? dialect)
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var shared = new List<Migration>();
        var overrides = new Dictionary<int, Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var migration = new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd());
            if (!match.Groups["dialect"].Success)
            {
                shared.Add(migration);
            }
            else if (match.Groups["dialect"].Value == dialect)
            {
                overrides.Add(migration.Version, migration);
            }
        }
        var duplicate = shared.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }
        if (overrides.Keys.FirstOrDefault(version => shared.All(m => m.Version != version)) is > 0 and var orphan)
        {
            throw new InvalidOperationException($"Migration {orphan} has a {dialect} version but no shared one.");
        }
        return [.. shared.Select(m => overrides.GetValueOrDefault(m.Version) ?? m).OrderBy(m => m.Version)];
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)(\.(?<dialect>postgres))?\.sql$")]
    private static partial Regex ResourceName();
}
