using System.Globalization;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;
using Xunit.Abstractions;

namespace TraceReplay.Calibration.Tests.Model;

/// <summary>
/// The roofline all-to-all (the fallback for a GPU without a measured all-to-all curve) against the measured NCCL
/// all-to-all rows of A100, H100 and B200: its error, quoted in docs/moe.md.
/// </summary>
public sealed class AllToAllRooflineErrorTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", SharedData.Category)]
    [InlineData("a100_sxm", "a100")]
    [InlineData("h100_sxm", "h100")]
    [InlineData("b200_sxm", "b200")]
    public void Roofline_all_to_all_error_on_measured_rows(string folder, string gpu)
    {
        string table = SharedData.Path("profiles", "aiconfigurator", folder, "comm", "nccl", "2.27.3", "nccl_perf.parquet");
        var roofline = new RooflineCostModel(GpuCatalog.Resolve(gpu));
        var ape = new List<double>();
        foreach (object?[] row in DuckDb.Rows($"SELECT num_gpus, message_size, nccl_dtype, latency FROM {DuckDb.Q(table)} WHERE op_name = 'alltoall'"))
        {
            int gpus = Convert.ToInt32(row[0], CultureInfo.InvariantCulture);
            double bytes = Convert.ToDouble(row[1], CultureInfo.InvariantCulture) * ((string)row[2]! == "int8" ? 1 : 2);
            double measuredUs = Convert.ToDouble(row[3], CultureInfo.InvariantCulture) * 1000;
            double predictedUs = roofline.Estimate(Operator.AllToAll(0, bytes, gpus, 1)).LatencyUs;
            ape.Add(Math.Abs(predictedUs / measuredUs - 1) * 100);
        }
        ape.Sort();
        double median = ape[ape.Count / 2], p90 = ape[(int)(ape.Count * 0.9)];
        output.WriteLine(FormattableString.Invariant($"{gpu}: {ape.Count} all-to-all rows, roofline median APE {median:F1}%, p90 {p90:F1}%"));
        Assert.True(ape.Count > 50, $"{table}: only {ape.Count} all-to-all rows");
        Assert.InRange(median, 0, 100); // a fallback, not a fit: it must stay within a factor of two at the median
    }
}
