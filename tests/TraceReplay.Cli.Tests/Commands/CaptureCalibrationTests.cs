using System.Text.Json;
using TraceReplay.Calibration.Captures;
using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Cli.Tests.Commands;

/// <summary>
/// The capture kit's one-step path on its committed synthetic sample: ingest kernels -> calibrate --kernels (no
/// profiles) -> calibration.json + REPORT.md -> replay --calibration. The sample's timings come from a roofline
/// formula (capture.py --simulate), so the bounds below say how well the latency form recovers that formula.
/// </summary>
public sealed class CaptureCalibrationTests : IDisposable
{
    private const string Sample = "tools/capture/samples/synthetic-h100-qwen3-30b-a3b-tp2";
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-capture-cal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string SampleDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, Sample);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"{Sample} not found above {AppContext.BaseDirectory}");
    }

    private string Ingest()
    {
        string parquet = Path.Combine(_dir, "kernels.parquet");
        Assert.Equal(0, CliApp.Run(["ingest", "kernels", Path.Combine(SampleDir(), "trace.json.gz"), "-o", parquet]));
        return parquet;
    }

    [Fact]
    public void Kernels_carry_the_tr_annotation_and_group_into_every_planned_shape()
    {
        CaptureKernels read = CaptureKernelReader.Read(Ingest());
        using JsonDocument plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(SampleDir(), "plan.json")));
        string[] planned = [.. plan.RootElement.GetProperty("measurements").EnumerateArray().Select(m => m.GetProperty("annotation").GetString()!).Order(StringComparer.Ordinal)];
        Assert.Equal(planned, read.Measurements.Select(m => m.Shape.ToString()).Order(StringComparer.Ordinal));
        Assert.All(read.Measurements, m => Assert.Equal(5, m.RepUs.Count));
        Assert.True(read.Synthetic);
        Assert.Equal(read.RowsRead, read.Measurements.Sum(m => m.Kernels) + read.RowsOutsideAnnotation + read.RowsNotKernels + read.RowsNcu);
    }

    [Fact]
    public void Calibrate_with_kernels_only_fits_the_sample_within_the_measured_held_out_error()
    {
        CaptureCalibrationResult r = CaptureCalibrator.Calibrate(Ingest(), GpuCatalog.Resolve("h100"));
        ErrorStats all = CaptureReport.HeldOut(r);
        ErrorStats gemm = OpEvaluation.Stats(r.Classes.Single(c => c.Class == OpClass.Gemm).HeldOut);
        // Measured on this sample: all classes median 1.8 %, p90 18.0 % (31 samples); GEMM (12 samples) median 2.7 %, p90 3.9 %.
        Assert.Equal(31, all.Count);
        Assert.True(all.MedianPct < 3, $"held-out median APE {all.MedianPct:F2} %");
        Assert.True(gemm.P90Pct < 6, $"GEMM held-out p90 APE {gemm.P90Pct:F2} %");
        Assert.Equal(["all_reduce", "attention_decode", "attention_prefill", "gemm", "moe_gemm"], r.Calibration.Classes.Keys);
    }

    [Fact]
    public void One_step_cli_writes_a_loadable_deterministic_calibration_and_replay_uses_it()
    {
        string parquet = Ingest();
        string cal = Path.Combine(_dir, "cal"), again = Path.Combine(_dir, "again");
        Assert.Equal(0, CliApp.Run(["calibrate", "--gpu", "h100", "--kernels", parquet, "-o", cal]));
        Assert.Equal(0, CliApp.Run(["calibrate", "--gpu", "h100", "--kernels", parquet, "-o", again]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(cal, "calibration.json")), File.ReadAllBytes(Path.Combine(again, "calibration.json")));
        string report = File.ReadAllText(Path.Combine(cal, "REPORT.md"));
        Assert.Equal(report, File.ReadAllText(Path.Combine(again, "REPORT.md")));
        Assert.Contains("synthetic capture: not a hardware measurement", report);
        Assert.Contains("leave-one-token-count-out", report);

        ICostModel model = CostModelFactory.Create("calibrated", GpuCatalog.Resolve("h100"), cal, out _);
        var calibrated = Assert.IsType<CalibratedCostModel>(model);
        Assert.Equal("class:gemm", calibrated.CurveFor(OpKind.QkvProj));
        Assert.Equal("class:moe_gemm", calibrated.CurveFor(OpKind.MoeExperts));

        string csv = Path.Combine(_dir, "requests.csv");
        File.WriteAllText(csv, "arrival_s,prompt_tokens,output_tokens\n0,300,8\n0.1,900,12\n0.2,50,20\n");
        string outDir = Path.Combine(_dir, "replay");
        Assert.Equal(0, CliApp.Run(["replay", "--requests", csv, "--model", "qwen3-30b-a3b", "--gpu", "h100", "--tp", "2", "--scheduler", "sarathi",
            "--cost-model", "calibrated", "--calibration", cal, "-o", outDir]));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(3, summary.RootElement.GetProperty("completed").GetInt64());
        string sha = GpuCalibration.Load(Path.Combine(cal, "calibration.json")).InputsSha256[..12];
        string provenance = summary.RootElement.GetProperty("run").GetProperty("cost_model_provenance").GetString()!;
        Assert.Contains(sha, provenance);
        // A capture calibration says it is one (and that this sample is synthetic), not "calibrated on h100 profiles".
        Assert.StartsWith("SYNTHETIC capture calibration (not a hardware measurement): h100 capture kernels.parquet", provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_without_profiles_or_kernels_is_a_clear_error()
    {
        using var err = new StringWriter();
        TextWriter old = Console.Error;
        Console.SetError(err);
        try
        {
            Assert.Equal(2, CliApp.Run(["calibrate", "--gpu", "h100", "-o", Path.Combine(_dir, "none")]));
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Contains("--profiles", err.ToString());
        Assert.Contains("--kernels", err.ToString());
    }
}
