using TraceReplay.Core.Operators;

namespace TraceReplay.Core.Cost;

/// <summary>
/// Turns one operator into a latency and the HBM bytes it really moves. The roofline default and the calibrated
/// models of <c>TraceReplay.Calibration</c> implement it; the replay engine sees only this interface.
/// </summary>
public interface ICostModel
{
    /// <summary>Short name shown in outputs (<c>roofline</c>, <c>calibrated</c>).</summary>
    string Name { get; }

    /// <summary>One line on where the numbers come from, printed with every result that uses them.</summary>
    string Provenance { get; }

    OpCost Estimate(in Operator op);
}
