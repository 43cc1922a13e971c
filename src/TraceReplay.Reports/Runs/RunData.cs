namespace TraceReplay.Reports.Runs;

/// <summary>One replay output folder: summary.json, requests.parquet and (for reports) iterations.parquet.</summary>
public sealed record RunData(string Directory, string Label, SummaryFile Summary, RequestData Requests, IterationData? Iterations)
{
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
