namespace TraceReplay.Core.Operators;

/// <summary>
/// Kernel classes shared by ingest (kernel classifier), calibration (one fitted curve per class) and the cost model.
/// The snake_case names (<see cref="OpClassNames"/>) are the strings written to Parquet.
/// </summary>
public enum OpClass
{
    Gemm,
    AttentionPrefill,
    AttentionDecode,
    MoeGemm,
    RouterTopk,
    Norm,
    Rope,
    Activation,
    Elementwise,
    AllReduce,
    Memcpy,
    Sampling,
    Other,
}
