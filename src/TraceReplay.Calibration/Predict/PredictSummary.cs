namespace TraceReplay.Calibration.Predict;

/// <summary>What <c>predict</c> did: input layout, rows read and written, operators predicted and left out.</summary>
public sealed record PredictSummary(string InputKind, int RowsRead, int RowsWritten, int OperatorsPredicted, IReadOnlyList<string> AddedColumns);
