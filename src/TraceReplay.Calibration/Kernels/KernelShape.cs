using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Kernels;

/// <summary>One annotated kernel: its key in the kernel Parquet, the Core operator it ran, and the annotation's line.</summary>
public readonly record struct KernelShape(long SourceRow, string NameShort, Operator Op, int Line);
