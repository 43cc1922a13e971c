namespace TraceReplay.Core.Cost;

/// <summary>Predicted latency and HBM traffic of one operator.</summary>
/// <param name="LatencyUs">Kernel time in microseconds, launch overhead included.</param>
/// <param name="HbmBytes">Bytes read and written to HBM.</param>
/// <param name="RelativeStdDev">Spread of the prediction as a fraction (held-out residual spread; 0 = unknown).</param>
public readonly record struct OpCost(double LatencyUs, double HbmBytes, double RelativeStdDev = 0);
