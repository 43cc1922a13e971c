using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Tests.Infrastructure;

namespace TraceReplay.Calibration.Tests.KernelDb;

/// <summary>Every measured-kernel curve shipped (calibration/&lt;gpu&gt;/calibration.json, embedded) is monotone in its work and grows sanely past the measured range.</summary>
public sealed class ShippedKernelCurveTests
{
    public static TheoryData<string> Gpus => ["a100", "h100", "b200", "h200"];

    [Theory]
    [MemberData(nameof(Gpus))]
    public void Every_family_is_shipped_with_its_provenance(string gpu)
    {
        GpuCalibration cal = CalibrationStore.Load(gpu);
        Assert.Contains("gemm:bf16", cal.Kernels.Keys);
        Assert.Contains("attention_prefill:kv_bf16", cal.Kernels.Keys);
        Assert.Contains("attention_decode:kv_bf16", cal.Kernels.Keys);
        Assert.Contains("moe:bf16", cal.Kernels.Keys);
        Assert.All(cal.Kernels.Values, k => Assert.Matches(@"(vLLM|TensorRT-LLM) \d", k.FittedOn));
        Assert.All(cal.Kernels.Values, k => Assert.True(k.Samples > 0));
    }

    [Theory]
    [MemberData(nameof(Gpus))]
    public void Every_family_is_monotone_in_its_work(string gpu)
    {
        CalibratedCostModel model = KernelCurveSweeps.Shipped(gpu);
        using var dir = new TempDir();
        foreach (string family in model.Calibration.Kernels.Keys)
        {
            foreach ((string name, string header, Func<long, string> row, long[] axis, _) in KernelCurveSweeps.For(family))
            {
                double[] us = KernelCurveSweeps.Predict(header, row, axis, model, dir);
                for (int i = 1; i < us.Length; i++)
                {
                    Assert.True(us[i] >= us[i - 1] * (1 - 1e-9),
                        $"{gpu} {family} {name}: {axis[i - 1]} -> {KernelCurveSweeps.Inv(us[i - 1])} us but {axis[i]} -> {KernelCurveSweeps.Inv(us[i])} us");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Gpus))]
    public void Every_family_extrapolates_sanely_at_4x_the_measured_range(string gpu)
    {
        CalibratedCostModel model = KernelCurveSweeps.Shipped(gpu);
        using var dir = new TempDir();
        foreach (string family in model.Calibration.Kernels.Keys)
        {
            foreach ((string name, string header, Func<long, string> row, long[] axis, double exponent) in KernelCurveSweeps.For(family))
            {
                long top = axis[^1];
                double[] us = KernelCurveSweeps.Predict(header, row, [top, 4 * top], model, dir);
                double growth = us[1] / us[0];
                // Past the measured range the work term dominates: 4x the work costs more, and at most ~4^exponent more.
                Assert.True(double.IsFinite(us[1]) && growth > 1.2 && growth <= 1.25 * Math.Pow(4, exponent),
                    $"{gpu} {family} {name}: {top} -> {KernelCurveSweeps.Inv(us[0])} us, {4 * top} -> {KernelCurveSweeps.Inv(us[1])} us (x{growth:F2})");
            }
        }
    }

    [Fact]
    public void Formats_a_gpu_was_not_measured_in_are_listed_as_approximations()
    {
        // A100 has no FP8 tensor cores and its tables measure bf16 only: an FP8 GEMM is the bf16 curve at FP8 bytes.
        string[] approx = [.. KernelCurveSweeps.Shipped("a100").Approximations];
        Assert.Contains(approx, a => a.StartsWith("gemm:fp8 not measured on a100", StringComparison.Ordinal));
    }
}
