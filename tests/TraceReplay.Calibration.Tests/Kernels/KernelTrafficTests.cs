using Parquet;
using Parquet.Schema;
using TraceReplay.Calibration.Kernels;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Kernels;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Tests.Kernels;

public sealed class KernelTrafficTests
{
    private static async Task WriteAsync(string path)
    {
        var cls = new DataField<string>(KernelColumns.OpClass);
        var read = new DataField<long?>(KernelColumns.DramReadBytes);
        var write = new DataField<long?>(KernelColumns.DramWriteBytes);
        var analytic = new DataField<double?>(KernelTrafficReader.AnalyticBytesColumn);
        var schema = new ParquetSchema(cls, read, write, analytic);
        await using FileStream f = File.Create(path);
        await using ParquetWriter w = await ParquetWriter.CreateAsync(schema, f);
        using ParquetRowGroupWriter g = w.CreateRowGroup();
        // gemm: three kernels (enough to apply); norm: two with analytic bytes (reported only)
        await g.WriteAsync(cls, new string?[] { "gemm", "gemm", "gemm", "norm", "norm", "norm", "attention_decode", null });
        await g.WriteAsync(read, new ReadOnlyMemory<long?>([900, 1600, 800, 300, 400, 800, 500, 7]));
        await g.WriteAsync(write, new ReadOnlyMemory<long?>([100, 400, 200, 100, 100, 200, 100, 7]));
        await g.WriteAsync(analytic, new ReadOnlyMemory<double?>([1000, 1000, 1000, null, 1000, 1000, null, 14]));
    }

    [Fact]
    public async Task Ratios_are_measured_over_analytic_per_class_and_unmeasured_rows_are_counted()
    {
        using var tmp = new TempDir();
        string file = tmp.File("k.parquet");
        await WriteAsync(file);
        KernelTrafficSummary s = KernelTrafficReader.Read(file);
        Assert.Equal(8, s.RowsRead);
        Assert.Equal(7, s.RowsMeasured); // last row lacks a class
        Assert.Equal([1.0, 2.0, 1.0], s.Ratios["gemm"]);
        Assert.Equal([0.5, 1.0], s.Ratios["norm"]);
        Assert.False(s.Ratios.ContainsKey("attention_decode")); // measured, but no analytic bytes to compare with
        Assert.Single(s.MeasuredBytes["attention_decode"]);
        Assert.Equal(3, s.MeasuredBytes["norm"].Count);
    }

    [Fact]
    public async Task Calibrate_with_kernels_corrects_predicted_hbm_bytes()
    {
        using var tmp = new TempDir();
        string file = tmp.File("k.parquet");
        await WriteAsync(file);
        GpuSpec gpu = GpuCatalog.Resolve("h100");
        SyntheticProfiles.Write(tmp.Path, gpu);
        CalibrationResult r = Calibrator.Calibrate(tmp.Path, gpu, file);
        double ratio = r.Calibration.Hbm["gemm"].MeasuredOverAnalytic;
        Assert.Equal(Math.Cbrt(2), ratio, 5);
        Assert.True(r.Calibration.Hbm["gemm"].Applied);
        HbmCorrection norm = r.Calibration.Hbm["norm"];
        Assert.False(norm.Applied); // two kernels: reported, not applied
        Assert.Equal(Math.Sqrt(0.5), norm.MeasuredOverAnalytic, 5);
        Assert.Contains(r.Calibration.Inputs, i => i.Path == "kernels/k.parquet");
        var model = new CalibratedCostModel(gpu, r.Calibration);
        var op = new Operator { Kind = OpKind.QkvProj, Layer = 0, Flops = 1e9, Bytes = new HbmTraffic(1e6, 0, 0, 0, 0), Tokens = 8, InFeatures = 64, OutFeatures = 64, TpDegree = 1 };
        Assert.Equal(1e6 * ratio, model.Estimate(op).HbmBytes, 3);
        var normOp = op with { Kind = OpKind.InputNorm };
        Assert.Equal(1e6, model.Estimate(normOp).HbmBytes, 3);
        string report = Reports.ReportWriter.Render(r);
        Assert.Contains("measured / analytic", report, StringComparison.Ordinal);
        Assert.Contains("reported only (< 3 kernels; ratio 1)", report, StringComparison.Ordinal);
    }
}
