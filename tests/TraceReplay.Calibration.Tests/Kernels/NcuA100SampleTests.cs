using TraceReplay.Calibration.Kernels;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Predict;
using TraceReplay.Calibration.Reports;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.IO;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Tests.Kernels;

/// <summary>The real A100 ncu excerpt: ingest -> committed shapes -> measured/analytic HBM ratio per op class.</summary>
public sealed class NcuA100SampleTests
{
    [Fact]
    public void Ingested_excerpt_with_committed_shapes_gives_the_ratio_per_class()
    {
        using var tmp = new TempDir();
        string parquet = NcuA100Sample.Ingest(tmp.Path);
        KernelTrafficSummary s = KernelTrafficReader.Read(parquet, KernelShapes.Read(NcuA100Sample.Shapes));
        Assert.Equal(2, s.RowsRead);
        Assert.Equal(2, s.RowsMeasured);
        Assert.Equal(2, s.RowsAnnotated);
        // GEMM: 1,049,308 sectors read + 196 written (x 32 B) against the fp16 4096x4096 weight + 1-token input and
        // output. Almost all of it is the weight, which ncu measures fully: within 1 % of the analytic bytes.
        KernelTrafficRow gemm = Assert.Single(s.Kernels, k => k.OpClass == "gemm");
        Assert.Equal(1_049_308L * 32, gemm.ReadBytes);
        Assert.Equal(196L * 32, gemm.WriteBytes);
        Assert.InRange(Assert.Single(s.Ratios["gemm"]), 0.99, 1.01);
        // Embedding: its 8 KiB output stays in L2 (0 DRAM bytes written), so it reads below the analytic bytes.
        KernelTrafficRow embedding = Assert.Single(s.Kernels, k => k.OpClass == "elementwise");
        Assert.Equal("embedding", embedding.OpKind);
        Assert.Equal(0, embedding.WriteBytes);
        Assert.Equal(408.0 * 32 / 16384, Assert.Single(s.Ratios["elementwise"]), 12);
    }

    [Fact]
    public void Committed_shapes_equal_Core_formulas_for_llama2_7b_decode()
    {
        ModelSpec model = ModelCatalog.Resolve("llama-2-7b");
        Assert.Equal(4096, model.HiddenSize);
        Assert.Equal(model.NumQHeads, model.NumKvHeads); // MHA: q, k and v projections are each 4096 x 4096
        // decode_0 after a 32-token prompt: 1 sequence, 33 tokens in its KV cache (the source's flash-attention input is [1,33,32,128])
        List<Operator> ops = new OperatorGraph(model).BuildIteration(new BatchShape().AddDecode(33));
        Operator embedding = ops.Single(o => o.Kind == OpKind.Embedding);
        Operator outProj = ops.First(o => o.Kind == OpKind.OutProj);
        Operator qProj = Operator.Gemm(OpKind.QkvProj, 0, 1, model.HiddenSize, model.NumQHeads * model.HeadDim, model.WeightBytesPerParam, model.KvBytesPerElement, 1);
        Assert.Equal(outProj.Bytes.TotalBytes, qProj.Bytes.TotalBytes); // same shape as the graph's o_proj
        Assert.Equal(outProj.Flops, qProj.Flops);

        CsvTable t = CsvTable.Read(NcuA100Sample.Shapes);
        Assert.Equal(2, t.Rows.Count);
        AssertRow(t, 0, embedding);
        AssertRow(t, 1, qProj);
    }

    private static void AssertRow(CsvTable t, int row, Operator expected)
    {
        string[] want = OpShapeCsv.Row(expected);
        for (int i = 0; i < OpShapeCsv.Header.Length; i++)
        {
            Assert.True(want[i] == t.Text(row, t.Column(OpShapeCsv.Header[i])),
                $"shapes.csv line {t.Lines[row]}, {OpShapeCsv.Header[i]}: committed '{t.Text(row, t.Column(OpShapeCsv.Header[i]))}', Core gives '{want[i]}'");
        }
    }

    [Fact]
    [Trait("Category", "SharedData")]
    public void Calibrating_a100_with_the_sample_reproduces_the_shipped_files()
    {
        using var tmp = new TempDir();
        string parquet = NcuA100Sample.Ingest(tmp.Path);
        CalibrationResult r = Calibrator.Calibrate(SharedData.VidurProfiles, GpuCatalog.Resolve("a100"), parquet, NcuA100Sample.Shapes,
            Path.Combine(SharedData.Root, "profiles", "aiconfigurator"));
        string folder = Path.Combine(SharedData.Repo, "calibration", "a100");
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "calibration.json")), r.Calibration.ToJson());
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "REPORT.md")), ReportWriter.Render(r));
        // One kernel per class: reported, not applied (HbmCorrection.MinSamplesToApply).
        Assert.All(r.Calibration.Hbm.Values, h => Assert.False(h.Applied));
        Assert.Equal(["elementwise", "gemm"], r.Calibration.Hbm.Keys);
    }
}
