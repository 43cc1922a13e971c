namespace TraceReplay.Core.IO;

/// <summary>
/// Refuses an output that would destroy an input: the output file resolves (symlinks followed, in every path
/// component) to an input, or an output folder holds an input. Checked before anything is written.
/// </summary>
public static class OutputGuard
{
    private const int MaxLinkDepth = 40;

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="output"/> (a file) is one of the inputs.</summary>
    public static void RefuseFileOverInputs(string output, IEnumerable<string> inputs, string option = "-o")
    {
        string target = Resolve(output);
        foreach (string input in inputs)
        {
            if (string.Equals(Resolve(input), target, StringComparison.Ordinal))
            {
                throw new ArgumentException($"{option} {output}: is the input {input}; writing it would destroy the input. Choose another output path.");
            }
        }
    }

    /// <summary>Throws when an input lies in <paramref name="outputFolder"/> (or below it), or is the folder itself.</summary>
    public static void RefuseFolderOverInputs(string outputFolder, IEnumerable<string> inputs, string option = "-o")
    {
        string folder = Resolve(outputFolder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        foreach (string input in inputs)
        {
            string resolved = Resolve(input);
            if ((resolved + Path.DirectorySeparatorChar).StartsWith(folder, StringComparison.Ordinal))
            {
                throw new ArgumentException($"{option} {outputFolder}: holds the input {input}; outputs written there could replace it. Choose another output folder.");
            }
        }
    }

    /// <summary>The absolute path with every symlink resolved (what <c>realpath</c> returns; a missing tail stays as given).</summary>
    public static string Resolve(string path) => Resolve(Path.GetFullPath(path), 0);

    private static string Resolve(string full, int depth)
    {
        string? parent = Path.GetDirectoryName(full);
        if (parent is null || depth > MaxLinkDepth)
        {
            return full;
        }
        string resolvedParent = Resolve(parent, depth);
        string candidate = Path.Combine(resolvedParent, Path.GetFileName(full));
        FileSystemInfo info = Directory.Exists(candidate) ? new DirectoryInfo(candidate) : new FileInfo(candidate);
        string? link;
        try
        {
            link = info.LinkTarget;
        }
        catch (IOException)
        {
            return candidate;
        }
        if (link is null)
        {
            return candidate;
        }
        string next = Path.IsPathRooted(link) ? link : Path.GetFullPath(Path.Combine(resolvedParent, link));
        return Resolve(next, depth + 1);
    }
}
