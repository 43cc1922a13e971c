using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Model;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// The measured-kernel part of one GPU's calibration: its own tables fitted (or, for a GPU without tables, another
/// GPU's families carried over), and the transfer check where both ends are measured: the reference GPU's fits with
/// this GPU's datasheet peaks, predicting this GPU's measurements.
/// </summary>
public sealed class KernelDbCalibration
{
    /// <summary>Which measured GPU's fit is carried to which, to measure the spec-ratio transfer (fit A100 -> H100, H100 -> B200).</summary>
    public static IReadOnlyDictionary<string, string> TransferReference { get; } = new Dictionary<string, string>
    {
        ["h100"] = "a100",
        ["b200"] = "h100",
        ["h200"] = "h100",
    };

    public required KernelDbSet? Set { get; init; }
    public required IReadOnlyList<KernelFamilyFit> Fits { get; init; }
    /// <summary>Family -> (reference GPU, this GPU's samples predicted with the reference's coefficients).</summary>
    public required IReadOnlyDictionary<string, (string From, double[] PredictedUs)> Transfer { get; init; }
    public required SortedDictionary<string, OperatorCalibration> Stored { get; init; }

    public IEnumerable<Profiles.ProfileInput> Inputs => Set?.Inputs ?? [];

    /// <summary>Fits <paramref name="gpu"/>'s own tables under <paramref name="root"/> and measures transfer from its reference GPU.</summary>
    public static KernelDbCalibration Fit(string root, GpuSpec gpu)
    {
        KernelDbSet set = KernelDbSet.Load(root, gpu.ShortName);
        List<KernelFamilyFit> fits = KernelDbCalibrator.Fit(set, gpu);
        var transfer = new SortedDictionary<string, (string, double[])>(StringComparer.Ordinal);
        if (TransferReference.TryGetValue(gpu.ShortName, out string? reference) && KernelDbSet.Has(root, reference))
        {
            GpuSpec refGpu = GpuCatalog.Resolve(reference);
            KernelDbSet refSet = KernelDbSet.Load(root, reference);
            foreach (KernelFamilyFit theirs in KernelDbCalibrator.Fit(refSet, refGpu))
            {
                if (fits.FirstOrDefault(f => f.Family == theirs.Family) is { } mine)
                {
                    transfer[theirs.Family] = (reference, KernelDbCalibrator.Predict(mine.Samples, gpu, theirs.Params));
                }
            }
        }
        var stored = new SortedDictionary<string, OperatorCalibration>(StringComparer.Ordinal);
        foreach (KernelFamilyFit f in fits)
        {
            ErrorStats held = f.Groups > 1 ? f.HeldOut() : f.InSample();
            stored[f.Family] = OperatorCalibration.From(f.Params, f.Class.ToName(), "fitted (measured kernels)", f.Samples.Count, held) with { FittedOn = f.Provenance };
        }
        return new KernelDbCalibration { Set = set, Fits = fits, Transfer = transfer, Stored = stored };
    }

    /// <summary>A GPU without tables of its own: <paramref name="source"/>'s families carried to its peaks, marked as derived.</summary>
    public static KernelDbCalibration Carry(KernelDbCalibration source, string sourceGpu) => new()
    {
        Set = source.Set,
        Fits = source.Fits,
        Transfer = new Dictionary<string, (string, double[])>(),
        Stored = new SortedDictionary<string, OperatorCalibration>(
            source.Stored.ToDictionary(kv => kv.Key, kv => kv.Value with { Source = $"derived from {sourceGpu} ({kv.Value.Source})" }), StringComparer.Ordinal),
    };
}
