namespace TraceReplay.Calibration.Evaluation;

/// <summary>One held-out (or transferred) prediction: the sample's group (model), predicted and measured microseconds.</summary>
public readonly record struct Prediction(string Group, double PredictedUs, double MeasuredUs);
