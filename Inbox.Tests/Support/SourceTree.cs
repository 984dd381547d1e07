using System.Runtime.CompilerServices;

namespace Inbox.Tests.Support;

/// <summary>The repository's source folders, for tests that read the code itself (resources, markup).</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> Files(string project, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, project), pattern, SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string FindRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
