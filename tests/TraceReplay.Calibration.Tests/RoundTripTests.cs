using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Predict;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Tests;

/// <summary>calibrate -> calibration.json -> predict, on profiles generated from a known curve.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Calibrate_then_predict_recovers_the_generating_curve()
    {
        using var tmp = new TempDir();
        GpuSpec gpu = GpuCatalog.Resolve("h100");
        SyntheticProfiles.Write(tmp.Path, gpu);
        CalibrationResult result = Calibrator.Calibrate(tmp.Path, gpu);
        (string json, _) = CalibrationOutput.Write(result, Path.Combine(tmp.Path, "out"));

        var model = new CalibratedCostModel(gpu, CalibrationStore.Load(Path.GetDirectoryName(json)!));
        string input = Path.Combine(tmp.Path, "compute", "h100", "org", "model-b", "mlp.csv");
        string output = tmp.File("pred.csv");
        PredictSummary s = OpsPredictor.Run(input, output, model);

        Assert.Equal("vidur-mlp", s.InputKind);
        Assert.Equal(s.RowsRead, s.RowsWritten);
        var pred = Infrastructure.CsvRows.Read(output);
        var orig = Infrastructure.CsvRows.Read(input);
        Assert.Equal(orig.Count, pred.Count);
        foreach (var (p, o) in pred.Zip(orig))
        {
            foreach (string op in new[] { "mlp_up_proj", "input_layernorm" })
            {
                double measured = double.Parse(o[$"time_stats.{op}.median"], System.Globalization.CultureInfo.InvariantCulture);
                double predicted = double.Parse(p[$"pred.time_stats.{op}.median"], System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(predicted / measured, 0.97, 1.03);
                Assert.True(double.Parse(p[$"pred.hbm_bytes.{op}"], System.Globalization.CultureInfo.InvariantCulture) > 0);
            }
            Assert.Equal(o["num_tokens"], p["num_tokens"]); // every input column kept as written
        }
    }

    [Fact]
    public void Op_shape_csv_round_trips_a_core_operator()
    {
        using var tmp = new TempDir();
        GpuSpec gpu = GpuCatalog.Resolve("a100");
        var model = new CalibratedCostModel(gpu, CalibrationStore.TryEmbedded("a100")!);
        var graph = new OperatorGraph(TraceReplay.Core.Models.ModelCatalog.Resolve("llama-3-8b"), 2);
        List<Operator> ops = graph.BuildIteration(new BatchShape().AddPrefill(300).AddDecodes(8, 1000));
        string input = tmp.File("ops.csv");
        File.WriteAllLines(input, [string.Join(',', OpShapeCsv.Header), .. ops.Take(40).Select(o => string.Join(',', OpShapeCsv.Row(o)))]);
        string output = tmp.File("ops.pred.csv");
        PredictSummary s = OpsPredictor.Run(input, output, model);
        Assert.Equal("op-shape", s.InputKind);
        var rows = Infrastructure.CsvRows.Read(output);
        Assert.Equal(40, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            double expectedMs = model.Estimate(ops[i]).LatencyUs / 1000;
            Assert.Equal(expectedMs, double.Parse(rows[i]["pred.latency_ms"], System.Globalization.CultureInfo.InvariantCulture), 1e-6 * expectedMs);
        }
    }

    [Fact]
    public void Bad_input_names_file_line_and_field()
    {
        using var tmp = new TempDir();
        string input = tmp.File("ops.csv");
        File.WriteAllText(input, "op_kind,flops,hbm_bytes\nqkv_proj,1e9,2e6\nqkv_proj,lots,2e6\n");
        var model = new CalibratedCostModel(GpuCatalog.Resolve("a100"), CalibrationStore.TryEmbedded("a100")!);
        var bad = Assert.Throws<InputException>(() => OpsPredictor.Run(input, tmp.File("o.csv"), model));
        Assert.Contains("ops.csv:3: field 'flops': expected a finite number, got 'lots'", bad.Message, StringComparison.Ordinal);
        File.WriteAllText(input, "op_kind,flops,hbm_bytes\nwarp_drive,1,1\n");
        var ex = Assert.Throws<InvalidDataException>(() => OpsPredictor.Run(input, tmp.File("o.csv"), model));
        Assert.Contains("line 2, field 'op_kind'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_vidur_profile_rows_are_predicted_with_a_pred_column_per_measured_operator()
    {
        using var tmp = new TempDir();
        string src = SharedData.Path("profiles", "vidur", "compute", "a100", "meta-llama", "Llama-2-7b-hf", "mlp.EXCERPT_first60.csv");
        string input = tmp.File("mlp.csv");
        File.WriteAllLines(input, File.ReadLines(src).Take(60));
        var model = new CalibratedCostModel(GpuCatalog.Resolve("a100"), CalibrationStore.TryEmbedded("a100")!);
        PredictSummary s = OpsPredictor.Run(input, tmp.File("out.csv"), model);
        Assert.Equal(59, s.RowsRead);
        foreach (string op in VidurOps.MlpOps)
        {
            Assert.Contains($"pred.time_stats.{op}.median", s.AddedColumns);
        }
        Assert.Equal(59 * VidurOps.MlpOps.Count, s.OperatorsPredicted);
    }
}
