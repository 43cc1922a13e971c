using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// Fits one curve per measured-kernel family (<see cref="KernelFamilies"/>) with the shared physics form
/// (<see cref="LatencyForm"/>) and measures it on shapes it never saw: each held-out fold leaves whole groups out
/// (GEMM (n, k) pairs, attention head configurations, MoE shapes, GPU counts). Families with more than
/// <see cref="MaxFolds"/> groups are cut into that many folds of whole groups (every group is still predicted by a fit
/// without it); fewer groups are left out one at a time.
/// </summary>
public static class KernelDbCalibrator
{
    public const int MaxFolds = 10;

    public static List<KernelFamilyFit> Fit(KernelDbSet set, GpuSpec gpu)
    {
        string[] families = [.. set.Samples.Select(s => s.Sample.OpName).Distinct().Order(StringComparer.Ordinal)];
        var fits = new KernelFamilyFit[families.Length];
        for (int i = 0; i < families.Length; i++)
        {
            string family = families[i];
            List<KernelSample> samples = [.. set.Samples.Where(s => s.Sample.OpName == family)];
            fits[i] = FitFamily(family, samples, gpu, set.Provenance.TryGetValue(family, out string? p) ? p : "unknown");
        }
        return [.. fits];
    }

    public static KernelFamilyFit FitFamily(string family, IReadOnlyList<KernelSample> samples, GpuSpec gpu, string provenance)
    {
        OpClass cls = samples[0].Sample.Op.Class;
        ProfileSample[] all = [.. samples.Select(s => s.Sample)];
        string[] groups = [.. all.Select(s => s.Group).Distinct().Order(StringComparer.Ordinal)];
        int folds = Math.Min(groups.Length, MaxFolds);
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < groups.Length; g++)
        {
            foldOf[groups[g]] = g % folds; // sorted groups dealt round-robin: each fold spans the shape range
        }
        // The full fit and each fold's fit are independent: run them in parallel (results do not depend on scheduling).
        var paramsByFold = new LatencyParams[folds + 1];
        Parallel.For(0, folds + 1, f =>
        {
            ProfileSample[] train = f == folds ? all : [.. all.Where(s => foldOf[s.Group] != f)];
            paramsByFold[f] = LatencyFitter.Fit(train, gpu, cls);
        });
        LatencyParams full = paramsByFold[folds];
        var inSample = new double[all.Length];
        var heldOut = new double[all.Length];
        for (int i = 0; i < all.Length; i++)
        {
            inSample[i] = LatencyForm.PredictUs(all[i].Op, gpu, full);
            heldOut[i] = folds < 2 ? double.NaN : LatencyForm.PredictUs(all[i].Op, gpu, paramsByFold[foldOf[all[i].Group]]);
        }
        string scheme = folds < 2 ? "one group only: no held-out estimate"
            : groups.Length > MaxFolds ? $"{folds}-fold over {groups.Length} groups (whole groups held out)"
            : $"leave-one-group-out over {groups.Length} groups";
        return new KernelFamilyFit(family, cls, full, scheme, provenance, samples, inSample, heldOut);
    }

    /// <summary>Predictions of <paramref name="samples"/> on <paramref name="gpu"/> with another GPU's coefficients (transfer).</summary>
    public static double[] Predict(IReadOnlyList<KernelSample> samples, GpuSpec gpu, LatencyParams p) =>
        [.. samples.Select(s => LatencyForm.PredictUs(s.Sample.Op, gpu, p))];
}
