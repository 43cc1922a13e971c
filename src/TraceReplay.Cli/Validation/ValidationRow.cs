namespace TraceReplay.Cli.Validation;

/// <summary>One row's prediction: mean TTFT and TPOT of its closed-loop replay (NaN with a note when not expressed).</summary>
public sealed record ValidationRow(MeasuredPoint Point, double PredTtftMs, double PredTpotMs, string? Note, bool HeldOut)
{
    public bool Expressed => Note is null;

    /// <summary>(predicted - measured) / measured.</summary>
    public double TtftError => (PredTtftMs - Point.TtftMs) / Point.TtftMs;

    public double TpotError => (PredTpotMs - Point.TpotMs) / Point.TpotMs;
}
