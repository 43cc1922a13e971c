using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Tests.Model;

public sealed class CostModelFactoryTests
{
    [Fact]
    public void Calibrated_uses_the_embedded_calibration_of_a_fitted_gpu()
    {
        ICostModel m = CostModelFactory.Create("calibrated", GpuCatalog.Resolve("h100"), out string provenance);
        Assert.IsType<CalibratedCostModel>(m);
        Assert.Equal("calibrated", m.Name);
        Assert.StartsWith("calibrated on h100", provenance, StringComparison.Ordinal);
        Assert.Equal(provenance, m.Provenance);
    }

    [Fact]
    public void Skip_masked_is_the_same_calibration_with_an_ideal_causal_attention_kernel()
    {
        ICostModel m = CostModelFactory.Create(CostModelFactory.SkipMaskedKind, GpuCatalog.Resolve("h100"), out string provenance);
        var c = Assert.IsType<CalibratedCostModel>(m);
        Assert.Equal(MaskedPairs.Skipped, c.MaskedPairs);
        Assert.Equal("calibrated-skip-masked", m.Name);
        Assert.Contains("ideal causal", provenance, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CostModelFactory.Create("calibrated-skip", GpuCatalog.Resolve("h100"), out _));
    }

    [Theory]
    [InlineData("h200")]
    [InlineData("b200")]
    public void Derived_calibrations_say_so_in_their_provenance(string gpu)
    {
        ICostModel m = CostModelFactory.Create("calibrated", GpuCatalog.Resolve(gpu), out string provenance);
        var cal = Assert.IsType<CalibratedCostModel>(m).Calibration;
        Assert.Equal("h100", cal.DerivedFrom);
        Assert.Contains("DERIVED", provenance, StringComparison.Ordinal);
        Assert.Contains("from h100", provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gpu_without_calibration_falls_back_to_the_roofline_with_a_note()
    {
        ICostModel m = CostModelFactory.Create("calibrated", GpuCatalog.Resolve("h100-pcie"), out string provenance);
        Assert.IsType<RooflineCostModel>(m);
        Assert.Contains("no calibration for h100-pcie", provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void Roofline_is_returned_when_asked_and_unknown_kinds_are_rejected()
    {
        Assert.IsType<RooflineCostModel>(CostModelFactory.Create("roofline", GpuCatalog.Resolve("a100"), out _));
        var ex = Assert.Throws<ArgumentException>(() => CostModelFactory.Create("magic", GpuCatalog.Resolve("a100"), out _));
        Assert.Contains("expected calibrated, calibrated-skip-masked or roofline", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calibration_for_another_gpu_is_rejected()
    {
        string dir = Path.Combine(SharedData.Repo, "calibration", "a100");
        var ex = Assert.Throws<ArgumentException>(() => CostModelFactory.Create("calibrated", GpuCatalog.Resolve("h100"), dir, out _));
        Assert.Contains("'a100'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictions_carry_the_held_out_spread()
    {
        var m = (CalibratedCostModel)CostModelFactory.Create("calibrated", GpuCatalog.Resolve("a100"), out _);
        var graph = new TraceReplay.Core.Operators.OperatorGraph(TraceReplay.Core.Models.ModelCatalog.Resolve("llama-2-7b"));
        foreach (var op in graph.BuildIteration(new TraceReplay.Core.Operators.BatchShape().AddPrefill(512)))
        {
            OpCost c = m.Estimate(op);
            Assert.True(c.RelativeStdDev > 0, $"{op.Kind}: no spread");
            Assert.Equal(op.Bytes.TotalBytes, c.HbmBytes, 6); // no --kernels in the shipped a100 calibration: analytic bytes
        }
    }
}
