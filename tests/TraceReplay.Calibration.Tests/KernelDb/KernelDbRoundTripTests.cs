using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Predict;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Tests.KernelDb;

public sealed class KernelDbRoundTripTests
{
    private static readonly Lazy<KernelDbCalibration> s_fit = new(() => KernelDbCalibration.Fit(SharedData.Path("profiles", "aiconfigurator"), GpuCatalog.Resolve("h100")));

    private static CalibratedCostModel Model()
    {
        var cal = new GpuCalibration
        {
            Gpu = "h100", ToolVersion = "test", InputsSha256 = new string('0', 64), Inputs = [],
            Operators = new(StringComparer.Ordinal), Classes = new(StringComparer.Ordinal), Hbm = new(StringComparer.Ordinal),
            Kernels = s_fit.Value.Stored,
        };
        return new CalibratedCostModel(GpuCatalog.Resolve("h100"), cal);
    }

    [Fact]
    public void Each_family_is_fitted_with_held_out_predictions_of_whole_groups()
    {
        KernelDbCalibration k = s_fit.Value;
        Assert.Equal(["allreduce:vllm_eager", "allreduce:vllm_graph", "attention_decode:kv_bf16", "attention_prefill:kv_bf16", "gemm:bf16", "gemm:fp8", "moe:bf16"],
            k.Fits.Select(f => f.Family));
        foreach (KernelFamilyFit f in k.Fits)
        {
            Assert.True(f.Groups >= 2, f.Family);
            Assert.All(f.HeldOutUs, p => Assert.True(double.IsFinite(p) && p > 0));
            Assert.True(f.HeldOut().MedianPct < 40, $"{f.Family}: held-out median {f.HeldOut().MedianPct:F1} %");
            Assert.Equal("fitted (measured kernels)", k.Stored[f.Family].Source);
            Assert.Contains("vLLM 0.14.0", k.Stored[f.Family].FittedOn);
        }
    }

    [Theory]
    [InlineData("gemm_perf.parquet", "out.parquet")]
    [InlineData("moe_perf.parquet", "out.csv")]
    [InlineData("custom_allreduce_perf.csv", "out.parquet")]
    [InlineData("generation_attention_perf.parquet", "out.csv")]
    public void Calibrate_then_predict_keeps_every_input_column_and_lands_near_the_measurement(string table, string output)
    {
        using var dir = new TempDir();
        string input = SharedData.Path("profiles", "aiconfigurator", "h100_sxm", table), outPath = dir.File(output);
        PredictInput.Outcome o = PredictInput.Run(input, outPath, Model());
        KernelTable inT = KernelTable.Read(input), outT = KernelTable.Read(outPath);
        Assert.Equal([.. inT.Header, KernelTablePredictor.Column], outT.Header);
        Assert.Equal(inT.Rows.Count, outT.Rows.Count);
        Assert.Equal(inT.Rows.Count, o.Summary.OperatorsPredicted);
        Assert.Empty(o.NotExpressed);
        var pairs = new List<(double, double)>();
        for (int r = 0; r < outT.Rows.Count; r++)
        {
            for (int c = 0; c < inT.Header.Count; c++)
            {
                Assert.Equal(inT.Rows[r][c], outT.Rows[r][c]); // every input cell unchanged
            }
            pairs.Add((outT.Double(r, KernelTablePredictor.Column), inT.Double(r, "latency")));
        }
        // In-sample on a small cut: the curve and the predict path agree with the data they came from.
        Assert.True(ErrorStats.Of(pairs).MedianPct < 20, $"{table}: median {ErrorStats.Of(pairs).MedianPct:F1} %");
    }

    [Fact]
    public void A_row_predict_cannot_express_gets_an_empty_prediction_and_is_counted()
    {
        using var dir = new TempDir();
        string input = dir.File("gemm.csv");
        File.WriteAllText(input, "framework,version,device,op_name,kernel_source,gemm_dtype,m,n,k,latency\n" +
            "vLLM,0.14.0,H100,gemm,x,bfloat16,16,4096,4096,0.01\nvLLM,0.14.0,H100,gemm,x,int2,16,4096,4096,0.01\n");
        string outPath = dir.File("out.csv");
        PredictInput.Outcome o = PredictInput.Run(input, outPath, Model());
        Assert.Equal(1, o.Summary.OperatorsPredicted);
        Assert.Equal(1, Assert.Single(o.NotExpressed).Value);
        string[] lines = File.ReadAllLines(outPath);
        Assert.EndsWith(",", lines[2]); // empty pred.latency_ms
        Assert.True(double.Parse(lines[1].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void A_file_of_no_known_layout_is_an_error_naming_the_layouts()
    {
        using var dir = new TempDir();
        string input = dir.File("x.csv");
        File.WriteAllText(input, "a,b,c\n1,2,3\n");
        var ex = Assert.Throws<InvalidDataException>(() => PredictInput.Run(input, dir.File("o.csv"), Model()));
        Assert.Contains("op-shape", ex.Message);
        Assert.Contains("gemm_perf", ex.Message);
        Assert.Contains("Vidur", ex.Message);
    }
}
