using System.Text;
using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.IO;
using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Kernels;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration;

/// <summary>
/// Fits one GPU's curves from Vidur profiles: per operator, the fit on all samples is stored, and its error is the
/// leave-one-model-out error. Operators this GPU was never profiled on (attention on H100/A40, all-reduce on A40) are
/// fitted on a reference GPU and carried over by spec ratios, marked as such. Also measures cross-GPU transfer.
/// </summary>
public static class Calibrator
{
    /// <summary>GPUs whose profiles serve as transfer sources, in order of preference.</summary>
    public static IReadOnlyList<string> ReferenceGpus { get; } = ["a100", "h100", "a40"];

    public static string ToolVersion => typeof(Calibrator).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    /// <param name="kernelShapes">Optional <see cref="KernelShapes"/> CSV giving analytic bytes for kernels of <paramref name="kernelsParquet"/>.</param>
    /// <param name="kernelDb">Optional folder of measured serving-kernel tables (<see cref="KernelDbSet"/>); this GPU's are fitted when present.</param>
    public static CalibrationResult Calibrate(string profilesRoot, GpuSpec gpu, string? kernelsParquet = null, string? kernelShapes = null, string? kernelDb = null)
    {
        if (kernelShapes is not null && kernelsParquet is null)
        {
            throw new ArgumentException($"--kernel-shapes {kernelShapes}: needs --kernels (the kernel Parquet it annotates)");
        }
        if (!ProfileLoader.HasProfiles(profilesRoot, gpu.ShortName))
        {
            throw new DirectoryNotFoundException(
                $"{profilesRoot}: no compute/{gpu.ShortName}/ profiles; fit a GPU that has some, or derive this one with --derive-from <gpu>");
        }
        ProfileSet set = ProfileLoader.Load(profilesRoot, gpu.ShortName);
        var refs = new Dictionary<string, (GpuSpec Gpu, ProfileSet Set)>();
        foreach (string r in ReferenceGpus.Where(r => r != gpu.ShortName && ProfileLoader.HasProfiles(profilesRoot, r)))
        {
            refs[r] = (GpuCatalog.Resolve(r), ProfileLoader.Load(profilesRoot, r));
        }
        var inputs = new List<ProfileInput>(set.Inputs);
        var ops = new List<OpEvaluation>();
        var stored = new SortedDictionary<string, OperatorCalibration>(StringComparer.Ordinal);
        // Operators are independent fits: run them in parallel, then assemble in VidurOps order (same bytes as sequential).
        string[] allOps = [.. VidurOps.All];
        var perOp = new (OpEvaluation? Eval, OperatorCalibration? Stored, List<ProfileInput> Inputs)[allOps.Length];
        Parallel.For(0, allOps.Length, i => perOp[i] = CalibrateOp(allOps[i], set, gpu, refs));
        for (int i = 0; i < allOps.Length; i++)
        {
            if (perOp[i].Eval is { } e)
            {
                ops.Add(e);
            }
            if (perOp[i].Stored is { } c)
            {
                stored[allOps[i]] = c;
            }
            inputs.AddRange(perOp[i].Inputs);
        }
        foreach (var (_, (_, rs)) in refs)
        {
            inputs.AddRange(rs.Inputs); // transfer evaluation reads them too
        }
        List<OpEvaluation> classes = PooledClasses(set, gpu, out SortedDictionary<string, OperatorCalibration> storedClasses);
        KernelTrafficSummary? kernels = kernelsParquet is null ? null
            : KernelTrafficReader.Read(kernelsParquet, kernelShapes is null ? null : KernelShapes.Read(kernelShapes));
        var hbm = new SortedDictionary<string, HbmCorrection>(StringComparer.Ordinal);
        if (kernels is not null)
        {
            foreach ((string cls, List<double> ratios) in kernels.Ratios)
            {
                hbm[cls] = new HbmCorrection
                {
                    MeasuredOverAnalytic = LatencyFitter.Round6(KernelTrafficSummary.GeometricMean(ratios)),
                    Samples = ratios.Count,
                    Source = $"Nsight Compute DRAM bytes in {Path.GetFileName(kernels.Path)}"
                        + (kernelShapes is null ? "" : $", analytic bytes from {ShapesInputName(kernelShapes)}"),
                    Applied = ratios.Count >= HbmCorrection.MinSamplesToApply,
                };
            }
            inputs.Add(new ProfileInput("kernels/" + Path.GetFileName(kernelsParquet!), FileHash.Sha256(kernelsParquet!)));
            if (kernelShapes is not null)
            {
                inputs.Add(new ProfileInput(ShapesInputName(kernelShapes), FileHash.Sha256(kernelShapes)));
            }
        }
        KernelDbCalibration? measured = kernelDb is not null && KernelDbSet.Has(kernelDb, gpu.ShortName) ? KernelDbCalibration.Fit(kernelDb, gpu) : null;
        if (kernelDb is not null && measured is null)
        {
            throw new DirectoryNotFoundException($"--kernel-db {kernelDb}: no {gpu.ShortName}_sxm/ tables; calibrate a GPU that has some, or derive this one with --derive-from <gpu>");
        }
        inputs.AddRange(measured?.Inputs ?? []);
        ProfileInput[] sortedInputs = [.. inputs.Distinct().OrderBy(i => i.RelativePath, StringComparer.Ordinal)];
        var calibration = new GpuCalibration
        {
            Gpu = gpu.ShortName,
            ToolVersion = ToolVersion,
            InputsSha256 = InputsHash(sortedInputs),
            Inputs = [.. sortedInputs.Select(i => new ProfileInputJson(i.RelativePath, i.Sha256))],
            Operators = stored,
            Classes = storedClasses,
            Hbm = hbm,
            Kernels = measured?.Stored ?? new SortedDictionary<string, OperatorCalibration>(StringComparer.Ordinal),
        };
        return new CalibrationResult { Gpu = gpu, MeasuredGpu = gpu, Calibration = calibration, Profiles = set, Operators = ops, Classes = classes, Kernels = kernels, KernelDb = measured };
    }

    /// <summary>
    /// A calibration for a GPU with no measurements of its own: <paramref name="source"/>'s fitted efficiencies applied
    /// to <paramref name="target"/>'s datasheet peaks. The stored error is the source's held-out error combined with
    /// the measured A100/H100 transfer error of the same operator (the only transfer we can measure).
    /// </summary>
    /// <remarks>
    /// With <paramref name="kernelDb"/>: a target that has measured-kernel tables of its own gets those fitted (B200);
    /// one without (H200) gets the source's measured-kernel curves carried over, marked as derived.
    /// </remarks>
    public static CalibrationResult Derive(string profilesRoot, GpuSpec target, GpuSpec source, string? kernelsParquet = null, string? kernelShapes = null, string? kernelDb = null)
    {
        bool targetMeasured = kernelDb is not null && KernelDbSet.Has(kernelDb, target.ShortName);
        CalibrationResult src = Calibrate(profilesRoot, source, kernelsParquet, kernelShapes, targetMeasured ? null : kernelDb);
        KernelDbCalibration? measured = targetMeasured ? KernelDbCalibration.Fit(kernelDb!, target)
            : src.KernelDb is { } k ? KernelDbCalibration.Carry(k, source.ShortName) : null;
        var ops = new SortedDictionary<string, OperatorCalibration>(StringComparer.Ordinal);
        foreach ((string op, OperatorCalibration c) in src.Calibration.Operators)
        {
            OpEvaluation? e = src.Operators.FirstOrDefault(x => x.Op == op);
            IReadOnlyList<Prediction>? transfer = e?.TransferFrom.Where(t => t.Key is "a100" or "h100").Select(t => t.Value).FirstOrDefault();
            ErrorStats t = transfer is null ? default : OpEvaluation.Stats(transfer);
            ops[op] = c with
            {
                Source = $"derived from {source.ShortName} ({c.Source})",
                RelativeStdDev = LatencyFitter.Round6(Math.Sqrt(c.RelativeStdDev * c.RelativeStdDev + (transfer is null ? 0 : t.RelativeStdDev * t.RelativeStdDev))),
                HeldOutMedianPct = transfer is null ? c.HeldOutMedianPct : LatencyFitter.Round6(Math.Max(c.HeldOutMedianPct, t.MedianPct)),
                HeldOutP90Pct = transfer is null ? c.HeldOutP90Pct : LatencyFitter.Round6(Math.Max(c.HeldOutP90Pct, t.P90Pct)),
            };
        }
        var classes = new SortedDictionary<string, OperatorCalibration>(
            src.Calibration.Classes.ToDictionary(kv => kv.Key, kv => kv.Value with { Source = $"derived from {source.ShortName} ({kv.Value.Source})" }), StringComparer.Ordinal);
        GpuCalibration derived = src.Calibration with
        {
            Gpu = target.ShortName,
            DerivedFrom = source.ShortName,
            Transfer = $"efficiencies, overheads and curve shapes fitted on {source.ShortName}; peaks (BF16 FLOP/s, HBM B/s, SMs, link B/s) of {target.ShortName} from the GPU catalogue",
            Operators = ops,
            Classes = classes,
            Kernels = measured?.Stored ?? new SortedDictionary<string, OperatorCalibration>(StringComparer.Ordinal),
        };
        if (targetMeasured)
        {
            ProfileInput[] all = [.. derived.Inputs.Select(i => new ProfileInput(i.Path, i.Sha256)).Concat(measured!.Inputs).Distinct().OrderBy(i => i.RelativePath, StringComparer.Ordinal)];
            derived = derived with { Inputs = [.. all.Select(i => new ProfileInputJson(i.RelativePath, i.Sha256))], InputsSha256 = InputsHash(all) };
        }
        return new CalibrationResult
        {
            Gpu = target, MeasuredGpu = source, Calibration = derived, Profiles = src.Profiles, Operators = src.Operators, Classes = src.Classes, Kernels = src.Kernels,
            KernelDb = measured,
        };
    }

    /// <summary>One operator: its own fit, held-out and transfer predictions, or a reference GPU's fit carried over.</summary>
    private static (OpEvaluation? Eval, OperatorCalibration? Stored, List<ProfileInput> Inputs) CalibrateOp(
        string op, ProfileSet set, GpuSpec gpu, Dictionary<string, (GpuSpec Gpu, ProfileSet Set)> refs)
    {
        OpClass cls = VidurOps.ClassOf(op);
        List<ProfileSample> own = [.. set.Samples.Where(s => s.OpName == op)];
        if (own.Count > 0)
        {
            var transfers = new SortedDictionary<string, IReadOnlyList<Prediction>>(StringComparer.Ordinal);
            foreach ((string name, (GpuSpec rg, ProfileSet rs)) in refs.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                List<ProfileSample> theirs = [.. rs.Samples.Where(s => s.OpName == op)];
                if (theirs.Count > 0)
                {
                    transfers[name] = CrossValidator.Predict(own, gpu, LatencyFitter.Fit(theirs, rg, cls));
                }
            }
            OpEvaluation eval = OpEvaluation.Fit(op, cls, CrossValidator.SchemeOf(op, own), own, gpu) with { TransferFrom = transfers };
            return (eval, eval.Stored("fitted"), []);
        }
        // Not profiled on this GPU: carry the first reference GPU's fit over, and its held-out error.
        foreach (string r in ReferenceGpus.Where(refs.ContainsKey))
        {
            List<ProfileSample> theirs = [.. refs[r].Set.Samples.Where(s => s.OpName == op)];
            if (theirs.Count == 0)
            {
                continue;
            }
            OperatorCalibration stored = OpEvaluation.Fit(op, cls, CrossValidator.SchemeOf(op, theirs), theirs, refs[r].Gpu).Stored($"transferred from {r}");
            return (null, stored, [.. refs[r].Set.Inputs.Where(i => theirs.Any(s => s.Source.StartsWith(i.RelativePath + ":", StringComparison.Ordinal)))]);
        }
        return (null, null, []);
    }

    /// <summary>Pooled curves for classes with several profiled operators (used for kinds Vidur never measured, e.g. the LM head).</summary>
    private static List<OpEvaluation> PooledClasses(ProfileSet set, GpuSpec gpu, out SortedDictionary<string, OperatorCalibration> stored)
    {
        stored = new SortedDictionary<string, OperatorCalibration>(StringComparer.Ordinal);
        var result = new List<OpEvaluation>();
        // Not elementwise: Vidur's two (embedding gather, residual add) are different kernels, and a pooled fit of them
        // predicts neither (measured: >50 % median error); other elementwise kinds use the add curve instead.
        foreach (OpClass cls in new[] { OpClass.Gemm, OpClass.Norm })
        {
            List<ProfileSample> samples = [.. set.Samples.Where(s => VidurOps.ClassOf(s.OpName) == cls)];
            if (samples.Select(s => s.OpName).Distinct().Count() < 2)
            {
                continue;
            }
            OpEvaluation eval = OpEvaluation.Fit("class:" + cls.ToName(), cls, CrossValidator.LeaveOneModelOut, samples, gpu);
            result.Add(eval);
            stored[cls.ToName()] = eval.Stored("fitted (pooled over the class's operators)");
        }
        return result;
    }

    /// <summary>"kernel-shapes/&lt;folder&gt;/&lt;file&gt;": the annotation's folder names the capture it describes.</summary>
    private static string ShapesInputName(string path) =>
        "kernel-shapes/" + Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) + "/" + Path.GetFileName(path);

    private static string InputsHash(IEnumerable<ProfileInput> inputs)
    {
        var sb = new StringBuilder();
        foreach (ProfileInput i in inputs)
        {
            sb.Append(i.RelativePath).Append(' ').Append(i.Sha256).Append('\n');
        }
        return FileHash.Sha256Text(sb.ToString());
    }
}
