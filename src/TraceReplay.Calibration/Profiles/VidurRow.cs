using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Profiles;

/// <summary>One operator of one Vidur CSV row: the row index, the Vidur operator name and the rebuilt operator.</summary>
public readonly record struct VidurRow(int Row, string OpName, Operator Op)
{
    /// <summary>The column holding this operator's measured median (milliseconds).</summary>
    public string MedianColumn => VidurCsv.MedianColumn(OpName);
}
