using TraceReplay.Calibration.Kernels;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Tests.Kernels;

/// <summary>Bad --kernel-shapes files fail with the file, line, field and what was expected.</summary>
public sealed class KernelShapesErrorTests
{
    private const string Header = "source_row,name_short,op_kind,flops,hbm_bytes,tokens,in_features,out_features";
    private const string Gemm = "15,ampere_fp16_s16816gemm_fp16_64x64_sliced1x2_ldg8_f2f_stages_64x6_tn,qkv_proj,33554432,33570816,1,4096,4096";

    [Theory]
    [InlineData(Gemm + "\n99,x,qkv_proj,1,1,1,1,1", "line 3, field 'source_row': 99 is not a source_row")]
    [InlineData("15,indexSelectSmallIndex,qkv_proj,1,1,1,1,1", "line 2, field 'name_short': 'indexSelectSmallIndex'; expected 'ampere_fp16")]
    [InlineData("15,ampere_fp16_s16816gemm_fp16_64x64_sliced1x2_ldg8_f2f_stages_64x6_tn,mlp_act,1,1,1,1,1", "line 2, field 'op_kind': 'mlp_act' is op class activation; expected an operator of class gemm")]
    [InlineData("15,ampere_fp16_s16816gemm_fp16_64x64_sliced1x2_ldg8_f2f_stages_64x6_tn,qkv_proj,1,lots,1,1,1", "shapes.csv:2: field 'hbm_bytes': expected a finite number, got 'lots'")]
    [InlineData("15,ampere_fp16_s16816gemm_fp16_64x64_sliced1x2_ldg8_f2f_stages_64x6_tn,qkv_proj,1,0,1,1,1", "line 2, field 'hbm_bytes': 0; expected")]
    [InlineData("15,ampere_fp16_s16816gemm_fp16_64x64_sliced1x2_ldg8_f2f_stages_64x6_tn,no_such_op,1,1,1,1,1", "line 2, field 'op_kind': 'no_such_op'; expected one of")]
    [InlineData("fifteen,ampere,qkv_proj,1,1,1,1,1", "line 2, field 'source_row': 'fifteen'; expected a positive integer")]
    [InlineData(Gemm + "\n" + Gemm, "line 3, field 'source_row': 15 is annotated twice (first on line 2)")]
    public void Bad_annotation_names_file_line_and_field(string rows, string expected)
    {
        using var tmp = new TempDir();
        string parquet = NcuA100Sample.Ingest(tmp.Path);
        string shapes = tmp.File("shapes.csv");
        File.WriteAllText(shapes, Header + "\n" + rows + "\n");
        // Cell parse errors come from the one CSV reader (InputException); the annotation checks throw InvalidDataException.
        Exception ex = Assert.ThrowsAny<Exception>(() => KernelTrafficReader.Read(parquet, KernelShapes.Read(shapes)));
        Assert.True(ex is InvalidDataException or InputException, ex.ToString());
        Assert.Contains(shapes, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_key_column_is_named()
    {
        using var tmp = new TempDir();
        string shapes = tmp.File("shapes.csv");
        File.WriteAllText(shapes, "name_short,op_kind,flops,hbm_bytes\nx,qkv_proj,1,1\n");
        var ex = Assert.Throws<InputException>(() => KernelShapes.Read(shapes));
        Assert.Contains($"{shapes}:1: missing column 'source_row'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_without_kernels_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Calibrator.Calibrate(Path.GetTempPath(), GpuCatalog.Resolve("a40"), null, NcuA100Sample.Shapes));
        Assert.Contains("needs --kernels", ex.Message, StringComparison.Ordinal);
    }
}
