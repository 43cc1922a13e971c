using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Model;

/// <summary>
/// <see cref="ICostModel"/> backed by a <see cref="GpuCalibration"/>. An operator with a measured serving-kernel curve
/// (<see cref="KernelFamilies"/>: GEMMs, attention, fused MoE, all-reduce) uses it; the rest use the curve of the Vidur
/// operator that measured them, else their op class's pooled curve, else a related class's, else the roofline default.
/// HBM bytes are the analytic bytes times the class's measured correction, where it is applied.
/// </summary>
public sealed class CalibratedCostModel : ICostModel
{
    private readonly GpuSpec _gpu;
    private readonly OperatorCalibration?[] _byKind;
    // OperatorCalibration.Params builds a new record per call; the replay hot loop estimates every iteration.
    private readonly LatencyParams?[] _paramsByKind;
    private readonly double[] _hbmRatioByClass;
    private readonly RooflineCostModel _fallback;
    // Measured-kernel curves by (kind, dtype), resolved once: the replay hot loop estimates every iteration.
    private readonly KernelCurve?[] _kernelByKindDtype;
    private readonly KernelCurve? _allReduceEager;

    public CalibratedCostModel(GpuSpec gpu, GpuCalibration calibration, MaskedPairs maskedPairs = MaskedPairs.AsProfiled)
    {
        _gpu = gpu;
        Calibration = calibration;
        MaskedPairs = maskedPairs;
        _fallback = new RooflineCostModel(gpu);
        OpKind[] kinds = Enum.GetValues<OpKind>();
        _byKind = new OperatorCalibration?[kinds.Length];
        _paramsByKind = new LatencyParams?[kinds.Length];
        foreach (OpKind kind in kinds)
        {
            _byKind[(int)kind] = Resolve(calibration, kind);
            LatencyParams? p = _byKind[(int)kind]?.Params;
            _paramsByKind[(int)kind] = maskedPairs == MaskedPairs.Skipped && p is not null ? p with { MaskedFraction = 0 } : p;
        }
        OpClass[] classes = Enum.GetValues<OpClass>();
        _hbmRatioByClass = [.. classes.Select(c => calibration.Hbm.TryGetValue(c.ToName(), out HbmCorrection? h) ? h.Factor : 1.0)];
        _kernelByKindDtype = new KernelCurve?[kinds.Length * DTypes.All.Count];
        foreach (OpKind kind in kinds)
        {
            foreach (DType d in DTypes.All)
            {
                _kernelByKindDtype[(int)kind * DTypes.All.Count + (int)d] = KernelCurve.Resolve(calibration, kind, d, maskedPairs);
            }
        }
        _allReduceEager = KernelCurve.Resolve(calibration, KernelFamilies.AllReduce("vllm_eager"), maskedPairs);
    }

    /// <summary>Where a measured-kernel curve serves an operator in a format it was not measured in (listed for the report).</summary>
    public IEnumerable<string> Approximations => _kernelByKindDtype.OfType<KernelCurve>().Select(k => k.Approximation).OfType<string>().Distinct().Order(StringComparer.Ordinal);

    public GpuCalibration Calibration { get; }

    public GpuSpec Gpu => _gpu;

    /// <summary>How prefill attention's causally masked pairs are costed by <see cref="Estimate"/>.</summary>
    public MaskedPairs MaskedPairs { get; }

    public string Name => MaskedPairs == MaskedPairs.Skipped ? CostModelFactory.SkipMaskedKind : "calibrated";

    public string Provenance => Calibration.Describe() + (MaskedPairs == MaskedPairs.Skipped && HasMaskedTerm
        ? "; prefill attention costed as an ideal causal kernel (masked tiles skipped; the profiled kernel paid for them)" : "");

    private bool HasMaskedTerm => Calibration.Operators.Values.Concat(Calibration.Classes.Values).Any(c => c.MaskedFraction > 0);

    /// <summary>Which stored curve a kind uses (<c>mlp_up_proj</c>, <c>class:gemm</c>), or null for the roofline.</summary>
    public string? CurveFor(OpKind kind)
    {
        OperatorCalibration? c = _byKind[(int)kind];
        if (c is null)
        {
            return null;
        }
        string? op = Calibration.Operators.FirstOrDefault(kv => ReferenceEquals(kv.Value, c)).Key;
        // (class curves are stored separately; an operator curve found first wins)
        return op ?? "class:" + Calibration.Classes.First(kv => ReferenceEquals(kv.Value, c)).Key;
    }

    public OpCost Estimate(in Operator op)
    {
        double bytes = op.Bytes.TotalBytes * _hbmRatioByClass[(int)op.Class];
        KernelCurve? k = op.Class == OpClass.AllReduce && op.Kind != OpKind.MoeAllToAll && op.Tokens > KernelFamilies.MaxCudaGraphTokens && _allReduceEager is not null
            ? _allReduceEager : _kernelByKindDtype[(int)op.Kind * DTypes.All.Count + (int)op.Dtype];
        if (k is not null)
        {
            return new OpCost(LatencyForm.PredictUs(op, _gpu, k.Params), bytes, k.Curve.RelativeStdDev);
        }
        OperatorCalibration? c = _byKind[(int)op.Kind];
        if (c is null)
        {
            OpCost roofline = _fallback.Estimate(op);
            return roofline with { HbmBytes = bytes };
        }
        return new OpCost(LatencyForm.PredictUs(op, _gpu, _paramsByKind[(int)op.Kind]!), bytes, c.RelativeStdDev);
    }

    /// <summary>
    /// Estimate with a named Vidur operator's curve (for Vidur-format inputs, e.g. <c>add</c>, which has no OpKind):
    /// always as profiled, since the input describes the profiled kernel.
    /// </summary>
    public OpCost EstimateWith(string vidurOp, in Operator op)
    {
        if (!Calibration.Operators.TryGetValue(vidurOp, out OperatorCalibration? c))
        {
            return Estimate(op);
        }
        double bytes = op.Bytes.TotalBytes * _hbmRatioByClass[(int)op.Class];
        return new OpCost(LatencyForm.PredictUs(op, _gpu, c.Params), bytes, c.RelativeStdDev);
    }

    private static OperatorCalibration? Resolve(GpuCalibration cal, OpKind kind)
    {
        if (VidurOps.ForKind(kind) is { } op && cal.Operators.TryGetValue(op, out OperatorCalibration? direct))
        {
            return direct;
        }
        OpClass cls = kind.Class();
        if (cal.Classes.TryGetValue(cls.ToName(), out OperatorCalibration? pooled))
        {
            return pooled;
        }
        if (cls is OpClass.Elementwise or OpClass.Memcpy or OpClass.Sampling or OpClass.Other
            && cal.Operators.TryGetValue("add", out OperatorCalibration? add))
        {
            return add; // the residual add is the plain streaming elementwise kernel
        }
        OpClass? related = cls switch
        {
            OpClass.MoeGemm or OpClass.RouterTopk => OpClass.Gemm,
            _ => null,
        };
        return related is { } r && cal.Classes.TryGetValue(r.ToName(), out OperatorCalibration? borrowed) ? borrowed : null;
    }
}
