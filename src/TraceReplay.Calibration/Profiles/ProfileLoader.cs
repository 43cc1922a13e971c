using System.Globalization;
using TraceReplay.Calibration.IO;
using TraceReplay.Core.IO;

namespace TraceReplay.Calibration.Profiles;

/// <summary>
/// Finds and reads one GPU's Vidur profiles under a profiles root laid out as Vidur's <c>data/profiling</c>:
/// <c>compute/&lt;gpu&gt;/**/mlp.csv</c>, <c>compute/&lt;gpu&gt;/**/attention.csv</c> and
/// <c>network/&lt;gpu&gt;_dgx/all_reduce.csv</c> (else <c>_pairwise_nvlink</c>).
/// </summary>
public static class ProfileLoader
{
    /// <summary>Attention folds when the profiles hold a single attention shape (no model to leave out).</summary>
    public const int AttentionFolds = 5;

    public static bool HasProfiles(string root, string gpu) => Directory.Exists(Path.Combine(root, "compute", gpu));

    public static ProfileSet Load(string root, string gpu)
    {
        string compute = Path.Combine(root, "compute", gpu);
        if (!Directory.Exists(compute))
        {
            throw new DirectoryNotFoundException($"{root}: no compute/{gpu}/ folder; expected Vidur profiles laid out as compute/<gpu>/<org>/<model>/mlp.csv");
        }
        var samples = new List<ProfileSample>();
        var inputs = new List<ProfileInput>();
        var excluded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int read = 0;
        foreach (string file in Sorted(root, Directory.EnumerateFiles(compute, "*.csv", SearchOption.AllDirectories)))
        {
            string name = Path.GetFileName(file);
            if (name is not ("mlp.csv" or "attention.csv"))
            {
                continue;
            }
            string group = Relative(compute, Path.GetDirectoryName(file)!);
            read += AddFile(root, file, group.Length == 0 ? null : group, samples, inputs, excluded);
        }
        string? network = null;
        foreach (string topology in new[] { "dgx", "pairwise_nvlink" })
        {
            string file = Path.Combine(root, "network", $"{gpu}_{topology}", "all_reduce.csv");
            if (File.Exists(file))
            {
                network = $"network/{gpu}_{topology}";
                read += AddFile(root, file, null, samples, inputs, excluded);
                break;
            }
        }
        return new ProfileSet { Gpu = gpu, Samples = samples, Inputs = inputs, MeasurementsRead = read, Excluded = excluded, NetworkFolder = network };
    }

    private static int AddFile(string root, string file, string? model, List<ProfileSample> samples, List<ProfileInput> inputs, SortedDictionary<string, int> excluded)
    {
        string rel = Relative(root, file);
        inputs.Add(new ProfileInput(rel, FileHash.Sha256(file)));
        CsvTable t = CsvTable.Read(file);
        VidurFileKind kind = VidurCsv.DetectOrThrow(t);
        Func<int, string> group = GroupOf(t, kind, model);
        int? cDevices = kind == VidurFileKind.AllReduce && t.Has("devices_per_node") ? t.Column("devices_per_node") : null;
        int read = 0;
        foreach (VidurRow row in VidurCsv.Operators(t))
        {
            read++;
            double? ms = t.OptionalDouble(row.Row, t.Column(row.MedianColumn));
            string? reason = ms is null ? "empty median" : ms <= 0 ? "non-positive median" : null;
            if (cDevices is int cd && t.Int(row.Row, cd) != row.Op.TpDegree)
            {
                reason = "all-reduce spanning nodes (not modelled)";
            }
            if (reason is not null)
            {
                excluded[reason] = excluded.GetValueOrDefault(reason) + 1;
                continue;
            }
            samples.Add(new ProfileSample(row.Op, row.OpName, group(row.Row), ms!.Value * 1000.0, $"{rel}:{t.Lines[row.Row]}"));
        }
        return read;
    }

    /// <summary>
    /// MLP rows: the model. Attention: the model when the file sits in a model folder, else a context fold (Vidur's
    /// shared attention.csv profiles one shape only, so there is no model to leave out). All-reduce: the GPU count.
    /// </summary>
    private static Func<int, string> GroupOf(CsvTable t, VidurFileKind kind, string? model)
    {
        switch (kind)
        {
            case VidurFileKind.Mlp:
                return _ => model ?? "unknown";
            case VidurFileKind.AllReduce:
                int cw = t.Column("num_workers");
                return r => "tp " + t.Int(r, cw).ToString(CultureInfo.InvariantCulture);
            default:
                if (model is not null)
                {
                    return _ => model;
                }
                int cc = t.Column("kv_cache_size");
                int[] contexts = [.. Enumerable.Range(0, t.Rows.Count).Select(r => t.Int(r, cc)).Distinct().Order()];
                var fold = contexts.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i % AttentionFolds);
                return r => "context fold " + fold[t.Int(r, cc)].ToString(CultureInfo.InvariantCulture);
        }
    }

    private static IEnumerable<string> Sorted(string root, IEnumerable<string> files) =>
        files.OrderBy(f => Relative(root, f), StringComparer.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/') is var r && r == "." ? "" : Path.GetRelativePath(root, path).Replace('\\', '/');
}
