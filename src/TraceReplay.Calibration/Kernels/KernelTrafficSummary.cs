namespace TraceReplay.Calibration.Kernels;

/// <summary>What a kernel Parquet says about HBM traffic, per op class.</summary>
public sealed class KernelTrafficSummary
{
    public required string Path { get; init; }
    /// <summary>The <c>--kernel-shapes</c> annotation that supplied analytic bytes, if any.</summary>
    public string? ShapesPath { get; init; }
    public required int RowsRead { get; init; }
    /// <summary>Measured rows whose analytic bytes came from <see cref="ShapesPath"/>.</summary>
    public int RowsAnnotated { get; init; }
    /// <summary>Rows with measured DRAM bytes (read + write) and an op class.</summary>
    public required int RowsMeasured { get; init; }
    /// <summary>Class -> (measured / analytic) ratios of rows that also carry analytic bytes.</summary>
    public required SortedDictionary<string, List<double>> Ratios { get; init; }
    /// <summary>Class -> measured DRAM bytes of every measured row (analytic bytes known or not).</summary>
    public required SortedDictionary<string, List<double>> MeasuredBytes { get; init; }

    /// <summary>Every measured row, in file order.</summary>
    public IReadOnlyList<KernelTrafficRow> Kernels { get; init; } = [];

    public static double GeometricMean(IReadOnlyList<double> values) => Math.Exp(values.Average(Math.Log));
}
