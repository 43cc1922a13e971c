namespace TraceReplay.Calibration.Profiles;

/// <summary>Every measured operator of one GPU, the files they came from, and the rows set aside (with why).</summary>
public sealed class ProfileSet
{
    public required string Gpu { get; init; }
    public required IReadOnlyList<ProfileSample> Samples { get; init; }
    public required IReadOnlyList<ProfileInput> Inputs { get; init; }
    /// <summary>Operator measurements read (one per row and operator), before exclusions.</summary>
    public required int MeasurementsRead { get; init; }
    /// <summary>Reason -> count of measurements not used; read = used + excluded.</summary>
    public required IReadOnlyDictionary<string, int> Excluded { get; init; }
    /// <summary>The network folder the all-reduce rows came from, if any.</summary>
    public string? NetworkFolder { get; init; }

    public bool HasOp(string op) => Samples.Any(s => s.OpName == op);
}
