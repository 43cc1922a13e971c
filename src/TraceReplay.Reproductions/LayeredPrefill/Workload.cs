using System.Security.Cryptography;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Input;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>
/// The request lengths of one dataset: a seeded sample (without replacement) of the length file's rows, arrivals at 0
/// (each run re-times them with seeded Poisson arrivals). arXiv prompts are synthesized
/// (<see cref="ArxivPromptSynthesizer"/>); its outputs come from the file's decode column.
/// </summary>
/// <param name="RowsRead">Data rows in the file; every one is either sampled, not drawn, or excluded (no tokens).</param>
public sealed record Workload(string Dataset, string SourceFile, string SourceSha256, long RowsRead, long RowsExcluded,
    IReadOnlyList<RequestRecord> Requests, string Description, LengthStats Prompts, LengthStats Outputs)
{
    public static Workload Load(string lengthsDir, string dataset, int count, int seed)
    {
        string path = Path.Combine(lengthsDir, Datasets.FileOf(dataset));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: length file not found; expected traces/lengths/{Datasets.FileOf(dataset)} (see traces/lengths/README.md)", path);
        }
        List<RequestRecord> all = [.. RequestCsvReader.Read(path, requireArrival: false)];
        RequestRecord[] usable = [.. all.Where(r => r.PromptTokens > 0 && r.OutputTokens > 0)];
        if (usable.Length < count)
        {
            throw new InvalidDataException($"{path}: {usable.Length} rows with prompt and output tokens > 0, fewer than the {count} requests asked for");
        }
        var random = new Random(seed);
        int[] order = [.. Enumerable.Range(0, usable.Length)];
        random.Shuffle(order);
        RequestRecord[] picked = [.. order.Take(count).Select((row, i) => usable[row] with { Id = i, ArrivalNs = 0 })];
        string description = FormattableString.Invariant($"{count} of {usable.Length} rows drawn without replacement (seed {seed})");
        if (dataset == Datasets.Arxiv)
        {
            int[] prompts = ArxivPromptSynthesizer.Sample(count, seed);
            picked = [.. picked.Select((r, i) => r with { PromptTokens = prompts[i] })];
            description += "; outputs from the decode column; prompts synthesized: " + ArxivPromptSynthesizer.Description;
        }
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        return new Workload(dataset, Path.GetFileName(path), sha, all.Count, all.Count - usable.Length, picked, description,
            LengthStats.Of(picked.Select(r => r.PromptTokens)), LengthStats.Of(picked.Select(r => r.OutputTokens)));
    }
}
