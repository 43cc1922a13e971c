using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Profiles;

/// <summary>One measured operator: its analytic shape, what it was measured at, and where the row came from.</summary>
/// <param name="Op">The operator rebuilt with Core's formulas from the profile's shape columns.</param>
/// <param name="OpName">Vidur operator name (<c>mlp_up_proj</c>, <c>attn_decode</c>, ...): the key of its fitted curve.</param>
/// <param name="Group">Cross-validation group: the model for MLP rows, a context fold for attention, a TP degree for all-reduce.</param>
/// <param name="MeasuredUs">Median measured kernel time in microseconds.</param>
/// <param name="Source">File (relative to the profiles folder) and line, for error messages and reports.</param>
public readonly record struct ProfileSample(Operator Op, string OpName, string Group, double MeasuredUs, string Source);
