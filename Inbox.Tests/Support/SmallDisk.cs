using System.Diagnostics;

namespace Inbox.Tests.Support;

/// <summary>
/// A real file system of a few megabytes (tmpfs, mounted as root, as test.sh runs), which a test fills to the last byte
/// and frees again: the disk-full fault as SQLite meets it in production (SQLITE_FULL from the kernel's ENOSPC).
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler.bin");

    public static SmallDisk Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("inbox-small-disk-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"This fault test mounts a {megabytes} MB tmpfs to fill a disk, which needs root (test.sh runs as root): {output}");
        }
        return new SmallDisk(path);
    }

    /// <summary>Writes a file until the file system refuses another byte, then gives back <paramref name="leave"/> bytes.</summary>
    public long Fill(int leave)
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        var written = 0L;
        foreach (var size in new[] { chunk.Length, 4096, 512, 1 })
        {
            try
            {
                // Bounded by the disk's own size: it is a few megabytes.
                while (true)
                {
                    file.Write(chunk, 0, size);
                    file.Flush();
                    written += size;
                }
            }
            catch (IOException)
            {
                // Full for this size; smaller writes take what is left.
            }
        }
        file.SetLength(Math.Max(0, written - leave));
        return written - leave;
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
