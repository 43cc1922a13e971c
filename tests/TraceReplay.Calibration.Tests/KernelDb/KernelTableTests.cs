using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Calibration.Tests.KernelDb;

public sealed class KernelTableTests
{
    private const string GemmHeader = "framework,version,device,op_name,kernel_source,gemm_dtype,m,n,k,latency";

    [Theory]
    [InlineData("gemm_perf.parquet", KernelTableLayout.Gemm)]
    [InlineData("moe_perf.parquet", KernelTableLayout.Moe)]
    [InlineData("context_attention_perf.parquet", KernelTableLayout.Attention)]
    [InlineData("generation_attention_perf.parquet", KernelTableLayout.Attention)]
    [InlineData("custom_allreduce_perf.csv", KernelTableLayout.CustomAllReduce)]
    public void Layout_is_detected_from_the_columns_in_parquet_and_csv(string file, KernelTableLayout expected)
    {
        KernelTable t = KernelTable.Read(SharedData.Path("profiles", "aiconfigurator", "h100_sxm", file));
        Assert.Equal(expected, t.Layout);
        KernelSamples.Result r = KernelSamples.From(t, file);
        Assert.Equal(t.Rows.Count, r.Samples.Count + r.Unexpressed.Count); // rows read = used + not expressible
        Assert.NotEmpty(r.Samples);
        Assert.All(r.Samples, s => Assert.True(s.Sample.MeasuredUs > 0));
    }

    [Fact]
    public void The_same_rows_as_csv_or_parquet_give_the_same_samples()
    {
        using var dir = new TempDir();
        KernelTable parquet = KernelTable.Read(SharedData.Path("profiles", "aiconfigurator", "h100_sxm", "gemm_perf.parquet"));
        string csvPath = dir.File("gemm_perf.csv");
        KernelTableWriter.Write(csvPath, parquet.Header, parquet.Rows);
        KernelTable csv = KernelTable.Read(csvPath);
        List<KernelSample> a = KernelSamples.From(parquet, "x").Samples, b = KernelSamples.From(csv, "x").Samples;
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Sample.OpName, b[i].Sample.OpName);
            Assert.Equal(a[i].Sample.Group, b[i].Sample.Group);
            Assert.Equal(a[i].Sample.MeasuredUs, b[i].Sample.MeasuredUs);
            Assert.Equal(a[i].Sample.Op, b[i].Sample.Op);
        }
    }

    [Fact]
    public void A_missing_column_names_the_layout_and_the_column()
    {
        using var dir = new TempDir();
        string path = dir.File("gemm.csv");
        File.WriteAllText(path, "framework,version,device,op_name,kernel_source,gemm_dtype,m,n,latency\nvLLM,0.14.0,H100,gemm,x,bfloat16,1,4096,0.01\n");
        var ex = Assert.Throws<InvalidDataException>(() => KernelTable.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("gemm_perf lacks k", ex.Message);
        Assert.Contains("moe_perf", ex.Message); // every known layout is named
    }

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("", "an empty cell")]
    [InlineData("0", "a positive time")]
    [InlineData("-0.01", "a positive time")]
    [InlineData("NaN", "a finite number")]
    public void A_bad_latency_names_the_file_the_line_and_the_field(string latency, string expected)
    {
        using var dir = new TempDir();
        string path = dir.File("gemm.csv");
        File.WriteAllText(path, $"{GemmHeader}\nvLLM,0.14.0,H100,gemm,x,bfloat16,1,4096,4096,0.01\nvLLM,0.14.0,H100,gemm,x,bfloat16,2,4096,4096,{latency}\n");
        KernelTable t = KernelTable.Read(path);
        var ex = Assert.Throws<InputException>(() => KernelSamples.From(t, "gemm.csv"));
        Assert.Contains(path + ":3:", ex.Message);
        Assert.Contains("field 'latency'", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_bad_shape_names_the_field()
    {
        using var dir = new TempDir();
        string path = dir.File("gemm.csv");
        File.WriteAllText(path, $"{GemmHeader}\nvLLM,0.14.0,H100,gemm,x,bfloat16,0,4096,4096,0.01\n");
        var ex = Assert.Throws<InputException>(() => KernelSamples.From(KernelTable.Read(path), "gemm.csv"));
        Assert.Contains("gemm.csv:2: field 'm': expected an integer >= 1, got '0'", ex.Message);
    }

    [Theory]
    [InlineData("1,4096,1536,8,3000000000,1,1", "num_experts", "an integer in [1, 1048576], got '3000000000'")] // used to wrap to a negative int
    [InlineData("1,4096,1536,8,2097152,1,1", "num_experts", "an integer in [1, 1048576], got '2097152'")] // one load per expert: bounded
    [InlineData("1,4096,1536,4294967304,128,1,1", "topk", "an integer in [1, 2147483647]")]
    [InlineData("2305843009213693952,4096,1536,8,128,1,1", "num_tokens", "num_tokens x topk must fit in 64 bits")]
    public void A_moe_shape_out_of_range_names_the_field(string shape, string field, string expected)
    {
        using var dir = new TempDir();
        string path = dir.File("moe.csv");
        File.WriteAllText(path, "framework,version,device,op_name,kernel_source,moe_dtype,num_tokens,hidden_size,inter_size,topk,num_experts,moe_tp_size,moe_ep_size,distribution,latency\n"
            + $"vLLM,0.14.0,H100,moe,x,bfloat16,{shape},power_law_1.2,0.1\n");
        var ex = Assert.Throws<InputException>(() => KernelSamples.From(KernelTable.Read(path), "moe.csv"));
        Assert.Contains($"moe.csv:2: field '{field}'", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_row_of_an_unmodelled_dtype_is_counted_with_its_reason_not_dropped()
    {
        using var dir = new TempDir();
        string path = dir.File("gemm.csv");
        File.WriteAllText(path, $"{GemmHeader}\nvLLM,0.14.0,H100,gemm,x,bfloat16,1,4096,4096,0.01\nvLLM,0.14.0,H100,gemm,x,int2,1,4096,4096,0.01\n");
        KernelSamples.Result r = KernelSamples.From(KernelTable.Read(path), "gemm.csv");
        Assert.Single(r.Samples);
        (int row, string reason) = Assert.Single(r.Unexpressed);
        Assert.Equal(1, row);
        Assert.Contains("gemm_dtype 'int2'", reason);
    }

    [Fact]
    public void A_damaged_parquet_file_is_an_error_naming_it()
    {
        using var dir = new TempDir();
        string path = dir.File("gemm_perf.parquet");
        byte[] good = File.ReadAllBytes(SharedData.Path("profiles", "aiconfigurator", "h100_sxm", "gemm_perf.parquet"));
        File.WriteAllBytes(path, [.. good.Take(good.Length / 2), .. "PAR1"u8.ToArray()]);
        var ex = Assert.Throws<InputException>(() => KernelTable.Read(path));
        Assert.Contains(path, ex.Message);
    }
}
