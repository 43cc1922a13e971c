using TraceReplay.Calibration.Profiles;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>One measured-kernel row as a fitting sample, with what the reports split errors by.</summary>
/// <param name="Sample">The operator (Core formulas), its family key as <c>OpName</c>, held-out group, time and source.</param>
/// <param name="Work">The row's size axis for "by token range" tables: tokens (GEMM m, MoE tokens, prefill batch x prompt), decode context per sequence, all-reduce bytes.</param>
/// <param name="Variant">A sub-population reported apart (MoE routing: balanced or power_law_A; else empty).</param>
public readonly record struct KernelSample(ProfileSample Sample, double Work, string Variant);
