namespace TraceReplay.Reports.Runs;

/// <summary>One replay output folder: summary.json, requests.parquet and (for reports) iterations.parquet.</summary>
public sealed record RunData(string Directory, string Label, SummaryFile Summary, RequestData Requests, IterationData? Iterations)
{
    /// <summary>
    /// The run folders <paramref name="directory"/> names: itself when it holds a summary.json, else its immediate
    /// subfolders that do (what <c>replay --scheduler a,b -o DIR</c> writes), in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> Expand(string directory)
    {
        if (!System.IO.Directory.Exists(directory) || File.Exists(Path.Combine(directory, SummaryFile.FileName)))
        {
            return [directory]; // Load names what is missing
        }
        string[] runs = [.. System.IO.Directory.GetDirectories(directory)
            .Where(d => File.Exists(Path.Combine(d, SummaryFile.FileName)))
            .Order(StringComparer.Ordinal)];
        return runs.Length > 0 ? runs : throw new FileNotFoundException(
            $"{directory}: no {SummaryFile.FileName} in it or in its subfolders; expected a replay output folder, or a folder of them (replay --scheduler a,b -o DIR)");
    }

    /// <summary>Loads DIR; the label is the folder name (made unique by the caller when several share it).</summary>
    public static RunData Load(string directory, bool withIterations)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such folder (expected a replay output folder)");
        }
        SummaryFile summary = SummaryFile.Read(Path.Combine(directory, SummaryFile.FileName));
        RequestData requests = RequestData.Read(Path.Combine(directory, RequestData.FileName));
        if (summary.Numbers.TryGetValue("requests", out double n) && n != requests.Count)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"{directory}: summary.json says {n} requests but requests.parquet has {requests.Count} rows; the folder mixes two runs"));
        }
        IterationData? iterations = withIterations ? IterationData.Read(Path.Combine(directory, IterationData.FileName)) : null;
        string label = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        return new RunData(directory, label, summary, requests, iterations);
    }
}
