using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using TraceReplay.Calibration.Fitting;

namespace TraceReplay.Calibration.Model;

/// <summary>
/// One fitted latency curve as stored in <c>calibration.json</c>: its coefficients (<see cref="LatencyParams"/>, whose
/// JSON names they keep), where they came from, and their held-out error. Order in the file: provenance, coefficients,
/// error.
/// </summary>
public sealed record OperatorCalibration : LatencyParams
{
    /// <summary>For the JSON reader, which sets every coefficient from the file.</summary>
    public OperatorCalibration() : base(0, 0, 0, 0, 0, 0, 0)
    {
    }

    [SetsRequiredMembers]
    private OperatorCalibration(LatencyParams p, string opClass, string source, int samples, ErrorStats heldOut) : base(p)
    {
        OpClass = opClass;
        Source = source;
        Samples = samples;
        HeldOutMedianPct = LatencyFitter.Round6(heldOut.MedianPct);
        HeldOutP90Pct = LatencyFitter.Round6(heldOut.P90Pct);
        RelativeStdDev = LatencyFitter.Round6(heldOut.RelativeStdDev);
    }

    [JsonPropertyName("op_class"), JsonPropertyOrder(-4)] public required string OpClass { get; init; }
    /// <summary><c>fitted</c>, or <c>transferred from &lt;gpu&gt;</c> when this GPU's profiles lack the operator.</summary>
    [JsonPropertyName("source"), JsonPropertyOrder(-3)] public required string Source { get; init; }
    /// <summary>
    /// Measured-kernel curves: the serving framework, its version and the table the curve was fitted on
    /// ("vLLM 0.14.0 (gemm_perf.parquet)"); null for curves fitted on Vidur profiles.
    /// </summary>
    [JsonPropertyName("fitted_on"), JsonPropertyOrder(-2)] public string? FittedOn { get; init; }
    [JsonPropertyName("samples"), JsonPropertyOrder(-1)] public required int Samples { get; init; }
    /// <summary>Held-out median absolute percentage error (leave-one-model-out, or the transfer error).</summary>
    [JsonPropertyName("held_out_median_ape_pct"), JsonPropertyOrder(1)] public required double HeldOutMedianPct { get; init; }
    [JsonPropertyName("held_out_p90_ape_pct"), JsonPropertyOrder(2)] public required double HeldOutP90Pct { get; init; }
    /// <summary>Spread of held-out relative residuals: what predictions carry as <c>OpCost.RelativeStdDev</c>.</summary>
    [JsonPropertyName("relative_std_dev"), JsonPropertyOrder(3)] public required double RelativeStdDev { get; init; }

    /// <summary>The curve's coefficients alone (a new record each call: the cost model caches it).</summary>
    [JsonIgnore]
    public LatencyParams Params => Coefficients();

    public static OperatorCalibration From(LatencyParams p, string opClass, string source, int samples, ErrorStats heldOut) =>
        new(p, opClass, source, samples, heldOut);
}
