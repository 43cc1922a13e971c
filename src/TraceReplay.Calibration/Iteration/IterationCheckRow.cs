namespace TraceReplay.Calibration.Iteration;

/// <summary>One op class of an iteration check: measured kernels and time, predicted operators, time and spread.</summary>
public readonly record struct IterationCheckRow(string OpClass, int MeasuredKernels, double MeasuredUs, int PredictedOps, double PredictedUs, double PredictedStdUs)
{
    /// <summary>predicted / measured - 1, or NaN where either side is missing.</summary>
    public double RelativeError => MeasuredUs > 0 && PredictedOps > 0 ? PredictedUs / MeasuredUs - 1 : double.NaN;
}
