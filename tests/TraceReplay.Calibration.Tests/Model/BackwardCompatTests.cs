using System.Text.RegularExpressions;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Tests.Model;

/// <summary>Calibration files written before floor/tile/masked coefficients existed still load and predict.</summary>
public sealed partial class BackwardCompatTests
{
    [GeneratedRegex("\\s*\"(floor_us|tile_exponent|masked_fraction|l2_speedup)\": [^,\\n]+,?")]
    private static partial Regex NewKeys();

    [Fact]
    public void A_calibration_without_the_new_coefficients_loads_with_them_off()
    {
        string json = File.ReadAllText(Path.Combine(SharedData.Repo, "calibration", "a100", "calibration.json"));
        string old = NewKeys().Replace(json, "");
        Assert.DoesNotContain("floor_us", old, StringComparison.Ordinal);
        GpuCalibration cal = GpuCalibration.Parse(old, "old-format a100");
        Assert.All(cal.Operators.Values, c => Assert.Equal((0.0, 0.0, 0.0, 0.0), (c.FloorUs, c.TileExponent, c.MaskedFraction, c.L2Speedup)));
        var model = new CalibratedCostModel(GpuCatalog.Resolve("a100"), cal);
        foreach (Operator op in new OperatorGraph(ModelCatalog.Resolve("llama-2-7b")).BuildIteration(new BatchShape().AddPrefill(256)))
        {
            double t = model.Estimate(op).LatencyUs;
            Assert.True(t > 0 && double.IsFinite(t), $"{op.Kind}: {t}");
        }
    }
}
