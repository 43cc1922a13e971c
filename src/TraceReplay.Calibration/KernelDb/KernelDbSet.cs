using TraceReplay.Calibration.IO;
using TraceReplay.Calibration.Profiles;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// One GPU's measured-kernel tables, read and turned into samples. Laid out as AIConfigurator's database:
/// <c>&lt;root&gt;/&lt;gpu&gt;_sxm/&lt;family&gt;/&lt;framework&gt;/&lt;version&gt;/&lt;table&gt;.parquet</c> (or <c>.csv</c>); every
/// table file under the GPU's folder is read, whatever its name, and its layout detected from its columns.
/// </summary>
/// <param name="Unexpressed">Rows read but not expressible (a dtype the tool does not model, ...): source and reason.</param>
/// <param name="Inputs">Input files relative to <see cref="Root"/>'s parent-side name <c>kernel-db/...</c>, with their SHA-256.</param>
/// <param name="Provenance">Family -> "framework version (table file)" it was measured with.</param>
public sealed record KernelDbSet(string Root, string GpuFolder, IReadOnlyList<KernelSample> Samples,
    IReadOnlyList<(string Source, string Reason)> Unexpressed, int RowsRead, IReadOnlyList<ProfileInput> Inputs, IReadOnlyDictionary<string, string> Provenance)
{
    /// <summary>The GPU's folder under <paramref name="root"/> (<c>h100_sxm</c>, <c>h100</c>), or null when there is none.</summary>
    public static string? FindGpuFolder(string root, string gpu)
    {
        foreach (string name in new[] { gpu + "_sxm", gpu })
        {
            string dir = Path.Combine(root, name);
            if (Directory.Exists(dir))
            {
                return dir;
            }
        }
        return null;
    }

    public static bool Has(string root, string gpu) => Directory.Exists(root) && FindGpuFolder(root, gpu) is not null;

    public static KernelDbSet Load(string root, string gpu)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: no such folder (expected measured-kernel tables laid out as <gpu>_sxm/<family>/<framework>/<version>/*.parquet)");
        }
        string folder = FindGpuFolder(root, gpu)
            ?? throw new DirectoryNotFoundException($"{root}: no {gpu}_sxm/ or {gpu}/ folder of measured-kernel tables (found: {string.Join(", ", Directory.GetDirectories(root).Select(Path.GetFileName).Order(StringComparer.Ordinal))})");
        string[] files = [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(KernelTable.IsTableFile).Order(StringComparer.Ordinal)];
        if (files.Length == 0)
        {
            throw new InvalidDataException($"{folder}: no .parquet or .csv tables");
        }
        var samples = new List<KernelSample>();
        var unexpressed = new List<(string, string)>();
        var inputs = new List<ProfileInput>();
        var provenance = new SortedDictionary<string, string>(StringComparer.Ordinal);
        int rows = 0;
        // Tables are independent: read them in parallel, assemble in path order.
        var parts = new (KernelTable Table, KernelSamples.Result Result, string Name)[files.Length];
        Parallel.For(0, files.Length, i =>
        {
            string name = "kernel-db/" + Path.GetRelativePath(root, files[i]).Replace('\\', '/');
            KernelTable t = KernelTable.Read(files[i]);
            parts[i] = (t, KernelSamples.From(t, name), name);
        });
        for (int i = 0; i < files.Length; i++)
        {
            (KernelTable t, KernelSamples.Result res, string name) = parts[i];
            rows += t.Rows.Count;
            samples.AddRange(res.Samples);
            unexpressed.AddRange(res.Unexpressed.Select(u => ($"{name}:{t.Where(u.Row)}", u.Reason)));
            inputs.Add(new ProfileInput(name, FileHash.Sha256(files[i])));
            string origin = $"{FrameworkOf(t)} ({Path.GetFileName(files[i])})";
            foreach (string family in res.Samples.Select(s => s.Sample.OpName).Distinct())
            {
                provenance[family] = provenance.TryGetValue(family, out string? seen) && seen != origin ? seen + "; " + origin : origin;
            }
        }
        return new KernelDbSet(root, folder, samples, unexpressed, rows, inputs, provenance);
    }

    /// <summary>"vLLM 0.14.0" from the table's framework/version columns (first row), else "unknown framework".</summary>
    private static string FrameworkOf(KernelTable t)
    {
        if (t.Rows.Count == 0 || !t.Has("framework") || !t.Has("version"))
        {
            return "unknown framework";
        }
        // The tables spell one framework several ways (VLLM, vLLM; TRTLLM): print the project's own names.
        string name = t.Text(0, "framework")?.Trim() ?? "";
        name = name.ToUpperInvariant() switch { "VLLM" => "vLLM", "TRTLLM" => "TensorRT-LLM", "SGLANG" => "SGLang", _ => name };
        return $"{name} {t.Text(0, "version")}".Trim();
    }
}
