namespace TraceReplay.Calibration.Evaluation;

/// <summary>
/// One held-out (or transferred) prediction: the sample's group (model), predicted and measured microseconds, and the
/// sample's token count and TP degree (for the error breakdowns in the report's diagnosis section).
/// </summary>
public readonly record struct Prediction(string Group, double PredictedUs, double MeasuredUs, long Tokens = 0, int TpDegree = 0);
